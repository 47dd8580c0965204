/**
 * Retry timing shared by every client of Inlet's HTTP (the SDKs), by Inlet's own HTTP clients (the
 * external collector) and by its services' restarts and replays: full-jitter backoff, the bare
 * exponential delay, `Retry-After`, and which statuses are worth retrying. Zod-free and
 * runtime-free: the browser SDK imports it via `@inlet/schemas/retry`.
 */

export interface ExponentialDelayInput {
  /** Failed attempts before this one: 0 for the first retry. */
  readonly attempt: number;
  /** The first delay, ms. */
  readonly base: number;
  /** Largest delay, ms. */
  readonly cap: number;
}

export interface BackoffInput extends ExponentialDelayInput {
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

/**
 * Delay before the next attempt, with FULL jitter: uniform in [0, min(cap, base·2^attempt)).
 * Spreading retries over the whole window keeps many clients from hammering a recovering server
 * in step (the "Exponential Backoff and Jitter" result).
 */
export function backoff({ attempt, base, cap, random }: BackoffInput): number {
  return random() * Math.min(cap, base * 2 ** attempt);
}

/**
 * The same schedule without the jitter: min(cap, base·2^attempt), backoff's ceiling. For a process
 * that retries alone (restarting a worker, replaying its spool), where no crowd needs spreading and
 * a predictable wait reads better in its logs and tests. Written as backoff at random() = 1 so the
 * formula stays in one place and the browser bundle, which needs only `backoff`, carries no more.
 */
export function exponentialDelay(input: ExponentialDelayInput): number {
  return backoff({ ...input, random: () => 1 });
}

/**
 * `Retry-After` in ms: delta-seconds (`120`, or `1.5`) or an HTTP date; undefined when absent or
 * unreadable. A date in the past gives 0.
 */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return +text * 1_000;
  const at = Date.parse(text);
  return at >= 0 ? Math.max(0, at - now) : undefined;
}

/** Statuses worth retrying: 408, 425, 429 and every 5xx but 501 and 505 (they will not change). */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return true;
  return status >= 500 && status !== 501 && status !== 505;
}
