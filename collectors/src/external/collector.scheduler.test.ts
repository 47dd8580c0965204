/**
 * The scheduler loop with fake timers. The API is a tiny synchronous fake (the stand-in's ETag hashing
 * does real async I/O, which fake time would outrun); the real stand-ins are in the other suites.
 */
import { MemorySink } from '@inlet/streams/testing';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { barsSource, KEY_ENV, T0, TOPICS, weatherSource } from '../testing/external-collector';
import { ExternalCollector } from './collector';
import { resolveConfig } from './config';
import { MemoryStateStore } from './memory-state-store';

const MIN = 60_000;

/** One-minute bars up to the last closed minute, and a weather report every 5 minutes, at `Date.now()`. */
const fakeApi = (async (url: string) => {
  const u = new URL(url);
  const now = Date.now();
  if (u.pathname.startsWith('/market')) {
    const since = Date.parse(u.searchParams.get('since') ?? '');
    const until = Math.min(
      Date.parse(u.searchParams.get('until') ?? ''),
      Math.floor(now / MIN) * MIN - MIN + 1,
    );
    const bars = [];
    for (let t = Math.floor(since / MIN) * MIN + MIN; t < until; t += MIN)
      bars.push({ t: new Date(t).toISOString(), o: 1, c: 1 });
    return Response.json({ symbol: u.searchParams.get('symbol'), bars, next_cursor: null });
  }
  const observed = new Date(Math.floor(now / (5 * MIN)) * 5 * MIN).toISOString();
  return Response.json({
    city: { id: u.searchParams.get('city') },
    current: { observed_at: observed, temp_c: 1 },
  });
}) as unknown as typeof fetch;

function setup(
  fetchWrap: (f: typeof fetch) => typeof fetch = (f) => f,
  shutdownTimeoutMs = 10_000,
  weather: Record<string, unknown> = {},
) {
  const inProcess = fakeApi;
  const config = resolveConfig(
    {
      baseUrl: 'http://stand-in.test',
      sources: [
        barsSource({ schedule: { every: '1m' }, entities: ['AAPL'] }),
        weatherSource({ entities: ['paris'], ...weather }),
      ],
    },
    'test.json',
    { env: KEY_ENV },
  );
  const store = new MemoryStateStore();
  const sink = new MemorySink();
  const logger = pino({ level: 'silent' });
  return {
    store,
    sink,
    create: () =>
      ExternalCollector.create({
        config,
        sink,
        store,
        topics: TOPICS,
        logger,
        fetch: fetchWrap(inProcess),
        shutdownTimeoutMs,
      }),
  };
}

describe('external collector scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 + 10_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs each source once per interval as intervals end, until stopped', async () => {
    const { store, create } = setup();
    const collector = await create();
    collector.start();
    await vi.advanceTimersByTimeAsync(10 * MIN);
    await collector.stop();
    const bars = store.runs.filter((r) => r.source === 'bars');
    const weather = store.runs.filter((r) => r.source === 'weather');
    expect(bars.map((r) => r.intervalStart.slice(11, 16))).toEqual([
      '07:59',
      '08:00',
      '08:01',
      '08:02',
      '08:03',
      '08:04',
      '08:05',
      '08:06',
      '08:07',
      '08:08',
      '08:09',
    ]);
    expect(bars.every((r) => r.status === 'success' && r.kind === 'scheduled' && r.records === 1)).toBe(true);
    expect(weather.map((r) => r.intervalStart.slice(11, 16))).toEqual(['07:55', '08:00', '08:05']);
    const afterStop = store.runs.length;
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(store.runs.length).toBe(afterStop);
  });

  it('never overlaps two runs of one source (a manual run waits for the scheduled one)', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = (f: typeof fetch) =>
      (async (url: string, init?: RequestInit) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 20_000));
        inFlight--;
        return f(url, init);
      }) as typeof fetch;
    const { store, create } = setup(slow);
    const collector = await create();
    const scheduled = collector.runDue('bars');
    const manual = collector.runNow('bars');
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all([scheduled, manual]);
    expect(most).toBe(1);
    expect(store.runs.map((r) => r.kind)).toEqual(['scheduled', 'manual']);
  });

  it('on stop, lets a run finish within the shutdown timeout, then aborts it without marking its interval done', async () => {
    const hang = () =>
      ((_url: string, init?: RequestInit) =>
        new Promise((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        )) as typeof fetch;
    const { store, create } = setup(hang, 5_000);
    const collector = await create();
    const run = collector.runDue('bars');
    await vi.advanceTimersByTimeAsync(100); // the run is waiting for its response
    const stopped = collector.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    await stopped;
    const [record] = await run;
    expect(record).toMatchObject({ status: 'failed' });
    expect(record?.error).toMatch(/stopped/);
    expect((await store.load()).sources.bars?.lastAttemptedEnd).toBeUndefined();
  });

  it('paces a provider’s requests with its rate limit', async () => {
    const at: number[] = [];
    const record = (f: typeof fetch) =>
      (async (url: string, init?: RequestInit) => {
        at.push(Date.now());
        return f(url, init);
      }) as typeof fetch;
    const limit = {
      rateLimit: { requests: 2, per: 'minute', burst: 1 },
      entities: ['paris', 'tokyo', 'lima'],
    };
    const { store, create } = setup(record, 10_000, limit);
    const collector = await create();
    const run = collector.runNow('weather');
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect((await run).status).toBe('success');
    expect(at.map((t) => t - (at[0] ?? 0))).toEqual([0, 30_000, 60_000]);
    expect(store.runs).toHaveLength(1);
  });
});
