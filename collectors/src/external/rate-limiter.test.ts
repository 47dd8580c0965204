import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiters, TokenBucket } from './rate-limiter';

describe('token bucket', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spends the burst at once, then spaces callers at the rate, in order', async () => {
    const bucket = new TokenBucket({ requests: 2, per: 'second', burst: 2 });
    const at: number[] = [];
    const take = (id: number) => bucket.acquire().then(() => at.push(id, Date.now()));
    const all = Promise.all([take(1), take(2), take(3), take(4), take(5)]);
    await vi.runAllTimersAsync();
    await all;
    expect(at).toEqual([1, 0, 2, 0, 3, 500, 4, 1000, 5, 1500]);
  });

  it('refills while idle, never above the burst', async () => {
    const bucket = new TokenBucket({ requests: 60, per: 'minute', burst: 3 });
    for (let i = 0; i < 3; i++) await bucket.acquire();
    expect(bucket.waitMs()).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(bucket.waitMs()).toBe(0);
    for (let i = 0; i < 3; i++) await bucket.acquire();
    expect(bucket.waitMs()).toBe(1000);
  });

  it('gives the token back when the waiter gives up', async () => {
    const bucket = new TokenBucket({ requests: 1, per: 'second', burst: 1 });
    await bucket.acquire();
    const controller = new AbortController();
    const waiting = bucket.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(/aborted/);
    expect(bucket.waitMs()).toBe(1000);
  });

  it('shares one bucket per provider and leaves unlimited providers alone', async () => {
    const limiters = new RateLimiters();
    const limit = { requests: 1, per: 'hour' as const, burst: 1 };
    await limiters.acquire('maps', limit);
    let second = false;
    void limiters.acquire('maps', limit).then(() => {
      second = true;
    });
    await limiters.acquire('weather', limit);
    await limiters.acquire('market', undefined);
    await vi.advanceTimersByTimeAsync(3_599_000);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(second).toBe(true);
  });
});
