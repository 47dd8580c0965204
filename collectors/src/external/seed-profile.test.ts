/** The `seed` profile (examples/seed.json) against the stand-ins: the documented 20–40 records/min. */

import { readFile } from 'node:fs/promises';
import { MemorySink } from '@inlet/streams/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { T0, TOPICS, useStandIns } from '../testing/external-collector';
import { ExternalCollector } from './collector';
import { resolveConfig } from './config';
import { MemoryStateStore } from './memory-state-store';

const SEED = new URL('../../examples/seed.json', import.meta.url).pathname;
const ENV = {
  INLET_WEATHER_API_KEY: 'inlet-dev-key',
  INLET_MAPS_API_KEY: 'inlet-dev-key',
  INLET_MARKET_API_KEY: 'inlet-dev-key',
};

const api = useStandIns(T0);

describe('seed profile', () => {
  it('collects 20–40 records per minute (weather, maps, market), with no failures', async () => {
    // Rate limits pace requests in wall time; the simulated clock runs 15 minutes in seconds, so drop them.
    const json = JSON.parse(await readFile(SEED, 'utf8')) as { sources: { rateLimit?: unknown }[] };
    for (const source of json.sources) delete source.rateLimit;
    const config = resolveConfig(json, SEED, { env: ENV, baseUrl: api.url });
    const sink = new MemorySink();
    const store = new MemoryStateStore();
    const collector = await ExternalCollector.create({
      config,
      sink,
      store,
      topics: TOPICS,
      now: () => api.manual.now(),
      logger: pino({ level: 'silent' }),
    });
    const tick = async () => {
      for (const s of config.sources) await collector.runDue(s.name);
    };
    await tick(); // first start: one latest interval per source
    const before = sink.records(TOPICS.externalData).length;
    const minutes = 15;
    for (let i = 0; i < minutes * 4; i++) {
      api.manual.advance(15_000);
      await tick();
    }
    const records = sink.json(TOPICS.externalData).slice(before) as { source: string }[];
    const perMinute = records.length / minutes;
    expect(perMinute).toBeGreaterThanOrEqual(20);
    expect(perMinute).toBeLessThanOrEqual(40);
    expect(new Set(records.map((r) => r.source))).toEqual(
      new Set(['weather-current', 'maps-incidents', 'market-quotes', 'market-bars']),
    );
    expect(store.runs.filter((r) => r.status !== 'success')).toEqual([]);
    expect(sink.records(TOPICS.deadLetter)).toHaveLength(0);
  });
});
