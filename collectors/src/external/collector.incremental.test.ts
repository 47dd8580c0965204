/** Cursors, restarts, catch-up, backfill, ETags and dedup, against the stand-ins on 127.0.0.1. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExternalDataRecordSchema } from '@inlet/schemas';
import { MemorySink } from '@inlet/streams/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  barsSource,
  incidentsSource,
  makeCollector,
  T0,
  TOPICS,
  useStandIns,
  weatherSource,
} from '../testing/external-collector';
import { FileStateStore } from './file-state-store';
import { MemoryStateStore } from './memory-state-store';

const MIN = 60_000;
const api = useStandIns();
beforeEach(() => {
  api.faults.clear();
  api.stats.reset();
  api.manual.set(T0 + 20_000);
});

const bars = (sink: MemorySink) =>
  sink.json(TOPICS.externalData).map((r) => ExternalDataRecordSchema.parse(r));
const minutes = (from: number, to: number) =>
  Array.from({ length: (to - from) / MIN }, (_, i) => new Date(from + i * MIN).toISOString());

describe('incremental sources', () => {
  it('fetch nothing twice and skip nothing across a restart (file state)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-ext-restart-'));
    const sink = new MemorySink();
    const first = await makeCollector(api, [barsSource()], { sink, store: await FileStateStore.open(dir) });
    const runs = await first.collector.runDue('bars'); // first start: the latest interval, 07:55–08:00
    expect(runs.map((r) => [r.kind, r.intervalStart, r.status])).toEqual([
      ['scheduled', '2026-03-02T07:55:00.000Z', 'success'],
    ]);
    api.manual.advance(5 * MIN);
    await first.collector.runDue('bars');
    await first.collector.stop();
    await first.store.close();

    api.manual.advance(5 * MIN);
    const second = await makeCollector(api, [barsSource()], { sink, store: await FileStateStore.open(dir) });
    await second.collector.runDue('bars');
    await second.store.close();

    const got = bars(sink);
    for (const symbol of ['AAPL', 'MSFT']) {
      const times = got.filter((r) => r.entity === `bars:${symbol}`).map((r) => r.observedAt);
      expect(times).toEqual(minutes(T0 - 5 * MIN, T0 + 10 * MIN));
    }
    expect(
      sink.records(TOPICS.externalData).every((r) => r.key === `bars:${JSON.parse(String(r.value)).entity}`),
    ).toBe(true);
    // Every bar the API served was stored once: nothing fetched twice.
    expect(api.stats.snapshot().market?.items).toBe(got.length);
  });

  it('catch-up after an outage fills exactly the missed intervals, capped by catchUp.maxIntervals', async () => {
    const t = await makeCollector(api, [barsSource({ entities: ['NVDA'], catchUp: { maxIntervals: 4 } })]);
    await t.collector.runDue('bars');
    api.manual.advance(3 * 5 * MIN); // three intervals pass while "down"
    const caughtUp = await t.collector.runDue('bars');
    expect(caughtUp.map((r) => [r.kind, r.intervalStart.slice(11, 16), r.records])).toEqual([
      ['catch-up', '08:00', 5],
      ['catch-up', '08:05', 5],
      ['scheduled', '08:10', 5],
    ]);
    expect(await t.collector.runDue('bars')).toEqual([]); // nothing due twice
    api.manual.advance(6 * 5 * MIN);
    const capped = await t.collector.runDue('bars');
    expect(capped.map((r) => [r.status, r.intervalStart.slice(11, 16), r.intervalEnd.slice(11, 16)])).toEqual(
      [
        ['skipped', '08:15', '08:25'],
        ['success', '08:25', '08:30'],
        ['success', '08:30', '08:35'],
        ['success', '08:35', '08:40'],
        ['success', '08:40', '08:45'],
      ],
    );
    expect(capped[0]?.error).toMatch(
      /backfill them with: inlet-external backfill bars --from 2026-03-02T08:15:00.000Z/,
    );
    // The cursor carried the skipped range into the first run after it: no bar is lost.
    expect(capped[1]?.records).toBe(15);
    const times = bars(t.sink as MemorySink).map((r) => r.observedAt);
    expect(times).toEqual(minutes(T0 - 5 * MIN, T0 + 45 * MIN));
  });

  it('backfills a range interval by interval without touching the cursor', async () => {
    const t = await makeCollector(api, [barsSource({ entities: ['TSLA'] })]);
    await t.collector.runDue('bars');
    const cursor = t.collector.state().sources.bars?.cursors.TSLA;
    const runs = await t.collector.backfill('bars', T0 - 60 * MIN, T0 - 50 * MIN);
    expect(runs.map((r) => [r.kind, r.intervalStart.slice(11, 16), r.records])).toEqual([
      ['backfill', '07:00', 5],
      ['backfill', '07:05', 5],
    ]);
    expect(t.collector.state().sources.bars?.cursors.TSLA).toBe(cursor);
    expect(() => t.collector.backfill('bars', T0, T0 - 1)).toThrow(/--from must be before --to/);
  });

  it('keeps the cursor when the sink fails, so the next run fetches the same records again', async () => {
    const sink = new MemorySink();
    const t = await makeCollector(api, [barsSource({ entities: ['AAPL'] })], { sink });
    sink.failNext();
    const [failed] = await t.collector.runDue('bars');
    expect(failed).toMatchObject({ status: 'failed', records: 0 });
    expect(failed?.error).toMatch(/^sink: /);
    expect(t.collector.state().sources.bars?.cursors).toEqual({});
    api.manual.advance(5 * MIN);
    await t.collector.runDue('bars');
    expect(bars(sink).map((r) => r.observedAt)).toEqual(minutes(T0, T0 + 5 * MIN));
  });
});

describe('snapshot sources', () => {
  it('uses ETags: an unchanged resource costs a 304 and stores nothing', async () => {
    const t = await makeCollector(api, [weatherSource()]);
    expect(await t.collector.runNow('weather')).toMatchObject({ status: 'success', records: 2 });
    expect(await t.collector.runNow('weather')).toMatchObject({
      status: 'success',
      records: 0,
      duplicates: 0,
    });
    expect(api.stats.snapshot().weather?.statuses).toEqual({ 200: 2, 304: 2 });
  });

  it('drops records it already stored (source, entity, observedAt)', async () => {
    const store = new MemoryStateStore();
    const t = await makeCollector(api, [weatherSource({ conditional: false })], { store });
    await t.collector.runNow('weather');
    api.manual.advance(MIN); // the stations report every 5 minutes: same observations
    expect(await t.collector.runNow('weather')).toMatchObject({
      status: 'success',
      records: 0,
      duplicates: 2,
    });
    api.manual.advance(5 * MIN);
    expect(await t.collector.runNow('weather')).toMatchObject({ records: 2, duplicates: 0 });
  });

  it('pages through incidents and stores each incident update once', async () => {
    const t = await makeCollector(api, [incidentsSource()]);
    const first = await t.collector.runNow('incidents');
    const total = api.stats.snapshot().maps?.items ?? 0;
    expect(first.requests).toBe(Math.ceil(total / 3));
    expect(first.records).toBe(total);
    api.manual.advance(2 * MIN);
    const second = await t.collector.runNow('incidents');
    expect(second.duplicates + second.records).toBeGreaterThan(0);
    const keys = (t.sink as MemorySink)
      .json(TOPICS.externalData)
      .map((r) =>
        JSON.stringify([(r as { entity: string }).entity, (r as { observedAt: string }).observedAt]),
      );
    expect(new Set(keys).size).toBe(keys.length);
  });
});
