/** The PostgreSQL state store against the real server, and a collector keeping its state there. */
import { defined, pgUrl, uniqueName } from '@inlet/scripts/testing';
import { MemorySink } from '@inlet/streams/testing';
import { describe, expect, it } from 'vitest';
import { barsSource, makeCollector, T0, TOPICS, useStandIns } from '../testing/external-collector';
import { runInletExternal } from './cli';
import { isStateLockedError } from './errors';
import { PgStateStore } from './pg-state-store';

const url = pgUrl();

describe.skipIf(!url)('PgStateStore', () => {
  const api = useStandIns();

  it('saves and loads the state, keeps runs in order, and locks a state name to one collector', async () => {
    const name = uniqueName('ext');
    const store = await PgStateStore.open(defined(url), { name });
    try {
      expect(await store.load()).toEqual({ version: 1, sources: {} });
      const state = {
        version: 1 as const,
        sources: { s: { cursors: { a: 'x' }, etags: {}, seen: { e: [1] } } },
      };
      await store.save(state);
      await store.save(state);
      expect(await store.load()).toEqual(state);
      const second = await PgStateStore.open(defined(url), { name }).catch((e: unknown) => e);
      expect(isStateLockedError(second)).toBe(true);
      expect(String(second)).toMatch(new RegExp(`postgres:${name} is in use by another collector`));
      const reader = await PgStateStore.open(defined(url), { name, lock: false });
      expect(await reader.load()).toEqual(state);
      await reader.close();
    } finally {
      await store.close();
    }
    const again = await PgStateStore.open(defined(url), { name });
    await again.close();
  });

  it('carries a collector’s cursors across a restart', async () => {
    const name = uniqueName('ext-restart');
    const sink = new MemorySink();
    api.manual.set(T0 + 20_000);
    for (let life = 0; life < 2; life++) {
      const store = await PgStateStore.open(defined(url), { name });
      const t = await makeCollector(api, [barsSource({ entities: ['AAPL'] })], { sink, store });
      await t.collector.runDue('bars');
      api.manual.advance(5 * 60_000);
      await store.close();
    }
    const reader = await PgStateStore.open(defined(url), { name, lock: false });
    const runs = await reader.readRuns({ source: 'bars' });
    expect(await reader.readRuns({ limit: 1 })).toEqual(runs.slice(-1));
    await reader.close();
    expect(runs.map((r) => [r.intervalStart.slice(11, 16), r.status, r.records])).toEqual([
      ['07:55', 'success', 5],
      ['08:00', 'success', 5],
    ]);
    let out = '';
    const io = {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: () => true },
      env: { PG_URL: defined(url) },
    };
    expect(await runInletExternal(['runs', '--state-name', name, '--json'], io)).toBe(0);
    expect(
      out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).runId),
    ).toEqual(runs.map((r) => r.runId));
    const times = sink.json(TOPICS.externalData).map((r) => (r as { observedAt: string }).observedAt);
    expect(new Set(times).size).toBe(10);
  });
});
