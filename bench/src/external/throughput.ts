/**
 * Records/s per provider through the whole collector (HTTP, pagination, mapping, validation, dedup,
 * durable append, state commit), against the stand-ins on 127.0.0.1 with a manual clock. No rate
 * limits: this measures the collector, not a provider's quota.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ExternalCollector,
  MemoryStateStore,
  type RunRecord,
  resolveConfig,
} from '@inlet/collectors/external';
import { standInBars, standInIncidents, standInWeather } from '@inlet/collectors/testing';
import { ManualClock, startExternalApi } from '@inlet/simulators/external-api';
import { openLocalLog, type Sink } from '@inlet/streams';
import { pino } from 'pino';

export interface ThroughputRow {
  readonly provider: string;
  readonly workload: string;
  readonly runs: number;
  readonly requests: number;
  readonly records: number;
  readonly seconds: number;
}

const CITIES = [
  'paris',
  'london',
  'berlin',
  'madrid',
  'new-york',
  'chicago',
  'sao-paulo',
  'nairobi',
  'mumbai',
  'singapore',
  'tokyo',
  'sydney',
];
const SYMBOLS = ['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'NVDA', 'TSLA', 'SAP', 'BTC-USD'];

// The stand-ins' sources as the collector's tests declare them, over more entities.
const SOURCES = [
  standInWeather('BENCH_KEY', { entities: CITIES, conditional: false }),
  standInIncidents('BENCH_KEY', {
    name: 'maps',
    entities: CITIES,
    schedule: { every: '15m' },
    pagination: { style: 'page', sizeParam: 'per_page', size: 5, nextField: 'next_page' },
  }),
  standInBars('BENCH_KEY', {
    name: 'market',
    url: '/market/v1/bars?symbol={entity}&limit=1000',
    entities: SYMBOLS,
    schedule: { every: '1d' },
  }),
];

const sum = (runs: readonly RunRecord[], key: 'requests' | 'records') => runs.reduce((n, r) => n + r[key], 0);

export async function measureThroughput(opts: { sink?: Sink; rounds: number }): Promise<ThroughputRow[]> {
  const start = Date.parse('2026-03-02T00:00:00Z');
  const clock = new ManualClock(start);
  const api = await startExternalApi({ clock, apiKeys: ['bench'] });
  const dir = await mkdtemp(join(tmpdir(), 'inlet-bench-external-'));
  const sink = opts.sink ?? (await openLocalLog({ dataDir: dir }));
  try {
    const config = resolveConfig({ baseUrl: api.url, sources: SOURCES }, 'bench', {
      env: { BENCH_KEY: 'bench' },
    });
    const collector = await ExternalCollector.create({
      config,
      sink,
      store: new MemoryStateStore(),
      topics: { externalData: 'bench_external_data', deadLetter: 'bench_dead_letter' },
      now: () => clock.now(),
      logger: pino({ level: 'silent' }),
    });
    const rows: ThroughputRow[] = [];
    const timed = async (provider: string, workload: string, work: () => Promise<RunRecord[]>) => {
      const t0 = performance.now();
      const runs = await work();
      const seconds = (performance.now() - t0) / 1000;
      rows.push({
        provider,
        workload,
        runs: runs.length,
        requests: sum(runs, 'requests'),
        records: sum(runs, 'records'),
        seconds,
      });
    };
    // Warm-up: JIT, connections, the stand-ins' caches.
    await collector.backfill('market', start - 86_400_000, start - 1);
    clock.set(start + 12 * 3_600_000);
    await timed(
      'weather',
      `${CITIES.length} cities, current conditions, 1 page each, ${opts.rounds} runs 5 min apart`,
      async () => {
        const runs: RunRecord[] = [];
        for (let i = 0; i < opts.rounds; i++) {
          clock.advance(5 * 60_000);
          runs.push(await collector.runNow('weather'));
        }
        return runs;
      },
    );
    await timed(
      'maps',
      `${CITIES.length} areas, incidents, pages of 5, ${opts.rounds} runs 15 min apart`,
      async () => {
        const runs: RunRecord[] = [];
        for (let i = 0; i < opts.rounds; i++) {
          clock.advance(15 * 60_000);
          runs.push(await collector.runNow('maps'));
        }
        return runs;
      },
    );
    const days = Math.max(1, Math.round(opts.rounds / 10));
    await timed(
      'market',
      `${SYMBOLS.length} symbols, 1-min bars, pages of 1000, backfill of ${days} day(s)`,
      () => collector.backfill('market', start - (days + 1) * 86_400_000, start - 86_400_000),
    );
    return rows;
  } finally {
    if (!opts.sink) await sink.close();
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
}
