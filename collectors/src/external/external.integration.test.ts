/** The collector against the stand-ins over HTTP and the real Kafka broker. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadLetterRecordSchema, ExternalDataRecordSchema } from '@inlet/schemas';
import { createTestTopic, defined, kafkaBrokers } from '@inlet/scripts/testing';
import { createKafkaReader, createKafkaSink, type KafkaSink, type StoredRecord } from '@inlet/streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  barsSource,
  incidentsSource,
  makeCollector,
  T0,
  useStandIns,
  weatherSource,
} from '../testing/external-collector';
import { FileStateStore } from './file-state-store';
import type { Topics } from './records';

const brokers = kafkaBrokers();
const MIN = 60_000;

describe.skipIf(!brokers)('external collector → Kafka', () => {
  const api = useStandIns();
  let sink: KafkaSink;

  const freshTopics = async (prefix: string): Promise<Topics> => ({
    externalData: await createTestTopic(defined(brokers), `${prefix}-data`, { partitions: 3 }),
    deadLetter: await createTestTopic(defined(brokers), `${prefix}-dlq`),
  });
  const read = async (topic: string) => {
    const out: StoredRecord[] = [];
    const reader = createKafkaReader({ brokers: defined(brokers), logLevel: 'silent' });
    for await (const r of reader.readTopic(topic, { idleTimeoutMs: 15_000 })) out.push(r);
    return out;
  };

  beforeAll(async () => {
    sink = createKafkaSink({
      brokers: defined(brokers),
      clientId: 'inlet-external-test',
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await sink?.close();
  });

  it('stores records keyed source:entity, retries a flaky provider, dead-letters drift and marks the run partial', async () => {
    const topics = await freshTopics('ext-kafka');
    api.faults.set('weather', { status: 503, times: 1 });
    api.faults.set('maps', { drift: true });
    try {
      const t = await makeCollector(api, [weatherSource(), incidentsSource()], { sink, topics });
      const weather = await t.collector.runNow('weather');
      const incidents = await t.collector.runNow('incidents');
      expect(weather).toMatchObject({ status: 'success', records: 2, attempts: 3 });
      expect(incidents.status).toBe('partial');
      expect(incidents.records).toBe(0);
      expect(incidents.deadLettered).toBeGreaterThan(0);

      const data = await read(topics.externalData);
      expect(data.map((r) => r.key).sort()).toEqual(['weather:city:paris', 'weather:city:tokyo']);
      for (const r of data) {
        const record = ExternalDataRecordSchema.parse(JSON.parse(String(r.value)));
        expect(r.key).toBe(`${record.source}:${record.entity}`);
        expect(r.headers['schema-version']).toBe('1');
      }
      const dead = (await read(topics.deadLetter)).map((r) =>
        DeadLetterRecordSchema.parse(JSON.parse(String(r.value))),
      );
      expect(dead).toHaveLength(incidents.deadLettered);
      expect(dead[0]).toMatchObject({
        reason: 'invalid_record',
        sourceName: 'incidents',
        errors: expect.arrayContaining([
          { path: 'updated_at', message: 'is missing (the API may have renamed it: schema drift)' },
        ]),
      });
    } finally {
      api.faults.clear();
    }
  });

  it('resumes from the committed cursor after a restart: nothing skipped, nothing twice', async () => {
    const topics = await freshTopics('ext-restart');
    const dir = await mkdtemp(join(tmpdir(), 'inlet-ext-kafka-'));
    api.manual.set(T0 + 20_000);
    api.stats.reset();
    for (let life = 0; life < 2; life++) {
      const store = await FileStateStore.open(dir);
      const t = await makeCollector(api, [barsSource()], { sink, store, topics });
      await t.collector.runDue('bars');
      api.manual.advance(10 * MIN); // down for a while: the next life catches up
      await t.collector.stop();
      await store.close();
    }
    const store = await FileStateStore.open(dir);
    const runs = await store.readRuns();
    await store.close();
    expect(runs.map((r) => [r.kind, r.intervalStart.slice(11, 16), r.status])).toEqual([
      ['scheduled', '07:55', 'success'],
      ['catch-up', '08:00', 'success'],
      ['scheduled', '08:05', 'success'],
    ]);
    const stored = (await read(topics.externalData)).map((r) =>
      ExternalDataRecordSchema.parse(JSON.parse(String(r.value))),
    );
    for (const symbol of ['AAPL', 'MSFT']) {
      const times = stored
        .filter((r) => r.entity === `bars:${symbol}`)
        .map((r) => r.observedAt)
        .sort();
      expect(times).toEqual(
        Array.from({ length: 15 }, (_, i) => new Date(T0 - 5 * MIN + i * MIN).toISOString()),
      );
    }
    expect(api.stats.snapshot().market?.items).toBe(stored.length);
  });
});
