/**
 * Retry timing, server side: exponential backoff with full jitter, and `Retry-After` read as seconds
 * or an HTTP date, capped. (sdk-core has its own browser-side version; this one stays here so a
 * collector never depends on the SDK.)
 */

export interface BackoffPolicy {
  /** Delay cap before jitter for the first retry, ms. */
  readonly initialDelay: number;
  /** Largest delay, ms. */
  readonly maxDelay: number;
}

/** Full jitter: a uniform draw in [0, min(maxDelay, initialDelay·2^(attempt-1))]. `attempt` starts at 1. */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const cap = Math.min(policy.maxDelay, policy.initialDelay * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}

/** `Retry-After` in ms from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Statuses worth retrying: 408, 425, 429 and every 5xx except 501/505 (not going to change). */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return true;
  return status >= 500 && status !== 501 && status !== 505;
}
