/** Shared set-up of the collector tests: the stand-ins on 127.0.0.1 with a manual clock, and a collector. */
import { type ExternalApiServer, ManualClock, startExternalApi } from '@inlet/simulators/external-api';
import type { Sink } from '@inlet/streams';
import { MemorySink } from '@inlet/streams/testing';
import { type Logger, pino } from 'pino';
import { ExternalCollector } from './collector';
import { resolveConfig } from './config';
import { MemoryStateStore } from './memory-state-store';
import type { Topics } from './records';
import type { StateStore } from './state';

export const KEY_ENV = { API_KEY: 'inlet-dev-key' };
export const TOPICS: Topics = { externalData: 'topic_external_data', deadLetter: 'topic_dead_letter' };
/** A Monday morning, so the maps model has rush-hour incidents. */
export const T0 = Date.parse('2026-03-02T08:00:00Z');

export async function standIns(start = T0): Promise<ExternalApiServer & { manual: ManualClock }> {
  const manual = new ManualClock(start);
  const server = await startExternalApi({ clock: manual });
  return Object.assign(server, { manual });
}

/** Fast retries for tests: every wait is a few ms unless the test says otherwise. */
export const FAST_RETRY = { maxAttempts: 3, initialDelay: 5, maxDelay: 20, maxRetryAfter: 50 };

export const barsSource = (over: Record<string, unknown> = {}) => ({
  name: 'bars',
  provider: 'market',
  url: '/market/v1/bars?symbol={entity}&limit=3',
  entities: ['AAPL', 'MSFT'],
  auth: { in: 'header', name: 'X-Api-Key', env: 'API_KEY' },
  schedule: { every: '5m' },
  pagination: { style: 'cursor', cursorParam: 'cursor', nextField: 'next_cursor' },
  incremental: { sinceParam: 'since', untilParam: 'until' },
  records: {
    path: 'bars',
    entity: 'bars:{body.symbol}',
    observedAt: 'item.t',
    fields: { o: 'number', c: 'number' },
  },
  retry: FAST_RETRY,
  ...over,
});

export const weatherSource = (over: Record<string, unknown> = {}) => ({
  name: 'weather',
  url: '/weather/v1/current?city={entity}',
  entities: ['paris', 'tokyo'],
  auth: { in: 'query', name: 'appid', env: 'API_KEY' },
  schedule: { every: '5m' },
  records: {
    entity: 'city:{item.city.id}',
    observedAt: 'item.current.observed_at',
    fields: { 'current.temp_c': 'number' },
  },
  timeout: '300ms',
  retry: FAST_RETRY,
  ...over,
});

export const incidentsSource = (over: Record<string, unknown> = {}) => ({
  name: 'incidents',
  url: '/maps/v1/incidents?area={entity}',
  entities: ['paris'],
  auth: { in: 'query', name: 'key', env: 'API_KEY' },
  schedule: { every: '2m' },
  pagination: { style: 'page', sizeParam: 'per_page', size: 3, nextField: 'next_page' },
  records: {
    path: 'incidents',
    entity: 'incident:{item.id}',
    observedAt: 'item.updated_at',
    fields: { id: 'string', updated_at: 'string' },
  },
  retry: FAST_RETRY,
  ...over,
});

export interface LogLine {
  msg: string;
  level: number;
  [k: string]: unknown;
}

/** A pino logger whose lines land in `lines` (to check retry decisions without timing anything). */
export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (text: string) => lines.push(JSON.parse(text) as LogLine) },
  );
  return { logger, lines };
}

export interface TestCollector {
  readonly collector: ExternalCollector;
  readonly sink: Sink;
  readonly store: StateStore;
  readonly lines: LogLine[];
}

export async function makeCollector(
  api: ExternalApiServer & { manual: ManualClock },
  sources: readonly Record<string, unknown>[],
  opts: { sink?: Sink; store?: StateStore; topics?: Topics; fetch?: typeof fetch } = {},
): Promise<TestCollector> {
  const config = resolveConfig({ baseUrl: api.url, sources }, 'test.json', { env: KEY_ENV });
  const sink = opts.sink ?? new MemorySink();
  const store = opts.store ?? new MemoryStateStore();
  const { logger, lines } = captureLogger();
  const collector = await ExternalCollector.create({
    config,
    sink,
    store,
    topics: opts.topics ?? TOPICS,
    now: () => api.manual.now(),
    logger,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  return { collector, sink, store, lines };
}
