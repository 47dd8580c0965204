import { InletError } from './errors';

export interface RetryOptions {
  /** Sends of one event (the first included) before it is dropped, counted `max-attempts`. @default 10 */
  maxAttempts?: number;
  /** Queued longer than this (ms), an event is dropped, counted `max-age`. @default 86_400_000 (24 h) */
  maxAge?: number;
  /** Ceiling of the first backoff (ms); it doubles with each attempt. @default 1_000 */
  backoffBase?: number;
  /** Largest backoff ceiling (ms). @default 300_000 (5 min) */
  backoffCap?: number;
  /** Longest `Retry-After` honoured (ms); a server asking for more gets this. @default 600_000 (10 min) */
  maxRetryAfter?: number;
}

export interface CoreOptions {
  /** The source's write key, sent with every batch. Required, non-empty. */
  writeKey: string;
  /** Flush once this many events were captured since the last flush. @default 20 */
  flushAt?: number;
  /** Flush this long (ms) after the first event captured since the last flush. @default 5_000 */
  flushInterval?: number;
  /** Flush once the events captured since the last flush reach this many bytes. @default 450_000 */
  maxBatchBytes?: number;
  /** Events in one request; the gateway takes 2,500 at most. @default 500 */
  maxBatchEvents?: number;
  /** Bytes of one request sent while the page unloads (keepalive requests may carry 64 KB). @default 60_000 */
  maxUnloadBytes?: number;
  /** Larger events are refused when captured (`onError`, counted `too-large`). @default 32_768 (LIMITS.maxEventBytes) */
  maxEventBytes?: number;
  /** Events the queue holds (the runtime gives it to its store); the oldest are dropped beyond, counted `cap`. @default 1_000 */
  maxQueueEvents?: number;
  /** Bytes the queue holds (the runtime gives it to its store); the oldest are dropped beyond, counted `cap`. @default 5_000_000 */
  maxQueueBytes?: number;
  /** A session ends after this long (ms) without events; 0 turns sessions off. @default 1_800_000 (30 min) */
  sessionTimeout?: number;
  retry?: RetryOptions;
  /** Added to every event unless the call sets its own. @default undefined */
  integrations?: Record<string, boolean | Record<string, unknown>>;
  /** Log what the core does to the console. @default false */
  debug?: boolean;
  /** Told about every event refused or given up on, and every store failure. @default a debug log */
  onError?: (error: InletError) => void;
}

export interface ResolvedOptions extends Required<Omit<CoreOptions, 'integrations' | 'onError' | 'retry'>> {
  readonly retry: Required<RetryOptions>;
  readonly integrations: CoreOptions['integrations'];
  readonly onError: CoreOptions['onError'];
}

// LIMITS.maxEventBytes and LIMITS.maxBatchEvents, written out because importing the LIMITS object
// would bundle all of it into the browser build; options.test.ts pins them to LIMITS.
const GATEWAY_MAX_EVENT_BYTES = 32_768;
const GATEWAY_MAX_BATCH_EVENTS = 2_500;

const NUMBERS = {
  flushAt: 20,
  flushInterval: 5_000,
  maxBatchBytes: 450_000,
  maxBatchEvents: 500,
  maxUnloadBytes: 60_000,
  maxEventBytes: GATEWAY_MAX_EVENT_BYTES,
  maxQueueEvents: 1_000,
  maxQueueBytes: 5_000_000,
  sessionTimeout: 1_800_000,
};

const RETRY = {
  maxAttempts: 10,
  maxAge: 86_400_000,
  backoffBase: 1_000,
  backoffCap: 300_000,
  maxRetryAfter: 600_000,
};

/** `given` over `defaults`, each value checked to be a number ≥ 0 (undefined takes the default). */
function numbers<T extends Record<string, number>>(defaults: T, given: Partial<T> = {}, prefix = ''): T {
  const out = { ...defaults };
  for (const key in defaults) {
    const value = given[key] ?? defaults[key];
    if (!(typeof value === 'number' && value >= 0)) {
      throw new InletError('config', `option ${prefix}${key} must be a number ≥ 0, got ${String(value)}`);
    }
    out[key] = value;
  }
  return out;
}

/** Options with every default filled in; throws an `InletError('config')` naming a bad value. */
export function resolveOptions(options: CoreOptions): ResolvedOptions {
  const { writeKey } = options;
  if (typeof writeKey !== 'string' || !writeKey)
    throw new InletError('config', 'option writeKey is required');
  const resolved = numbers(NUMBERS, options);
  resolved.maxBatchEvents = Math.min(Math.max(1, resolved.maxBatchEvents), GATEWAY_MAX_BATCH_EVENTS);
  return {
    ...resolved,
    writeKey,
    retry: numbers(RETRY, options.retry, 'retry.'),
    integrations: options.integrations,
    debug: options.debug === true,
    onError: options.onError,
  };
}
