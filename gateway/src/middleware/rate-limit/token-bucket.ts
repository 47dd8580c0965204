/** Per-key token buckets: `burst` tokens, refilled at `perSecond`; one request takes one token. */

export interface BucketLimits {
  readonly perSecond: number;
  readonly burst: number;
}

/** `ok`, or how long until a token is there (whole seconds, at least 1, for `Retry-After`). */
export type TakeResult = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  take(id: string, limits: BucketLimits): TakeResult {
    const now = this.now();
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      bucket = { tokens: limits.burst, updatedAt: now };
      this.buckets.set(id, bucket);
    }
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(limits.burst, bucket.tokens + elapsed * limits.perSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limits.perSecond)) };
  }
}
