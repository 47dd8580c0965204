/** Shared set-up of the collector tests: the stand-ins on 127.0.0.1 with a manual clock, and a collector. */
import { type ExternalApiServer, ManualClock, startExternalApi } from '@inlet/simulators/external-api';
import type { Sink } from '@inlet/streams';
import { MemorySink } from '@inlet/streams/testing';
import { type Logger, pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { ExternalCollector } from '../external/collector';
import { resolveConfig } from '../external/config';
import { MemoryStateStore } from '../external/memory-state-store';
import type { Topics } from '../external/records';
import type { StateStore } from '../external/state';
import { standInBars, standInIncidents, standInWeather } from './stand-in-sources';

export const KEY_ENV = { API_KEY: 'inlet-dev-key' };
export const TOPICS: Topics = { externalData: 'topic_external_data', deadLetter: 'topic_dead_letter' };
/** A Monday morning, so the maps model has rush-hour incidents. */
export const T0 = Date.parse('2026-03-02T08:00:00Z');

export type StandIns = ExternalApiServer & { manual: ManualClock };

export async function standIns(start = T0): Promise<StandIns> {
  const manual = new ManualClock(start);
  const server = await startExternalApi({ clock: manual });
  return Object.assign(server, { manual });
}

/**
 * The stand-ins for the tests of the file (or describe block) that calls this: started before them
 * and closed after them. The object is filled in by that `beforeAll`: read it inside tests and hooks.
 */
export function useStandIns(start = T0): StandIns {
  const api = {} as StandIns;
  beforeAll(async () => {
    Object.assign(api, await standIns(start));
  });
  afterAll(async () => {
    await api.close?.();
  });
  return api;
}

/** Fast retries for tests: every wait is a few ms unless the test says otherwise. */
export const FAST_RETRY = { maxAttempts: 3, initialDelay: 5, maxDelay: 20, maxRetryAfter: 50 };

/** The stand-ins' sources as the tests use them: key in `API_KEY`, fast retries. */
export const barsSource = (over: Record<string, unknown> = {}) =>
  standInBars('API_KEY', { retry: FAST_RETRY, ...over });

export const weatherSource = (over: Record<string, unknown> = {}) =>
  standInWeather('API_KEY', { timeout: '300ms', retry: FAST_RETRY, ...over });

export const incidentsSource = (over: Record<string, unknown> = {}) =>
  standInIncidents('API_KEY', { retry: FAST_RETRY, ...over });

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
  api: StandIns,
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
