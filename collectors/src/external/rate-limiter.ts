/**
 * Token bucket per provider: `requests` per second/minute/hour with a burst. A caller that finds the
 * bucket empty reserves the next token (the count goes negative) and sleeps until it is due, so waiting
 * callers are served in order without a queue.
 */
import { sleep } from '@inlet/schemas';

const PERIOD_MS = { second: 1000, minute: 60_000, hour: 3_600_000 } as const;

export interface RateLimit {
  readonly requests: number;
  readonly per: keyof typeof PERIOD_MS;
  /** Tokens available at once. Default: min(requests, 10). */
  readonly burst?: number | undefined;
}

export class TokenBucket {
  readonly #ratePerMs: number;
  readonly #capacity: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  constructor(limit: RateLimit, now: () => number = Date.now) {
    this.#ratePerMs = limit.requests / PERIOD_MS[limit.per];
    this.#capacity = limit.burst ?? Math.min(limit.requests, 10);
    this.#now = now;
    this.#tokens = this.#capacity;
    this.#last = now();
  }

  /** How long the next caller would wait, ms (0 when a token is there). */
  waitMs(): number {
    this.#refill();
    // The epsilon keeps float error (1 / (1 / 3.6e6)) from adding a millisecond.
    return this.#tokens >= 1 ? 0 : Math.ceil((1 - this.#tokens) / this.#ratePerMs - 1e-6);
  }

  /** Takes one token, waiting for it if needed. Rejects (without taking) when `signal` aborts. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const wait = this.waitMs();
    this.#tokens -= 1;
    if (wait === 0) return;
    try {
      await sleep(wait, { signal, onAbort: 'reject', unref: true });
    } catch (error) {
      this.#tokens += 1;
      throw error;
    }
  }

  #refill(): void {
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#last) * this.#ratePerMs);
    this.#last = now;
  }
}

/** One bucket per provider; providers without a limit are not throttled. */
export class RateLimiters {
  readonly #buckets = new Map<string, TokenBucket>();
  constructor(private readonly now: () => number = Date.now) {}

  acquire(provider: string, limit: RateLimit | undefined, signal?: AbortSignal): Promise<void> {
    if (!limit) return Promise.resolve();
    let bucket = this.#buckets.get(provider);
    if (!bucket) {
      bucket = new TokenBucket(limit, this.now);
      this.#buckets.set(provider, bucket);
    }
    return bucket.acquire(signal);
  }
}
