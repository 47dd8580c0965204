import { describe, expect, it } from 'vitest';
import { post, SERVER_KEY, testApp, track, WEB_KEY } from '../../testing/test-app';
import { RateLimiter } from './token-bucket';

describe('RateLimiter', () => {
  it('allows the burst, then refills at perSecond', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    const limits = { perSecond: 2, burst: 3 };
    expect([1, 2, 3].map(() => limiter.take('k', limits).ok)).toEqual([true, true, true]);
    expect(limiter.take('k', limits)).toEqual({ ok: false, retryAfterSeconds: 1 });
    now = 500;
    expect(limiter.take('k', limits).ok).toBe(true);
    expect(limiter.take('other', limits).ok).toBe(true);
  });

  it('rounds Retry-After up to whole seconds', () => {
    const limiter = new RateLimiter(() => 0);
    const limits = { perSecond: 0.1, burst: 1 };
    limiter.take('k', limits);
    expect(limiter.take('k', limits)).toEqual({ ok: false, retryAfterSeconds: 10 });
  });
});

describe('rate limit middleware', () => {
  it('answers 429 with Retry-After per key, leaving other keys alone', async () => {
    let now = 0;
    const { app, publisher } = testApp({}, { now: () => now });
    const send = (key: string) => post(app, '/v1/batch', { batch: [track()] }, { 'x-write-key': key });
    // SERVER_KEY: 1/s, burst 2.
    expect((await send(SERVER_KEY)).status).toBe(200);
    expect((await send(SERVER_KEY)).status).toBe(200);
    const limited = await send(SERVER_KEY);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect((await send(WEB_KEY)).status).toBe(200);
    now = 1_000;
    expect((await send(SERVER_KEY)).status).toBe(200);
    expect(publisher.calls).toHaveLength(4);
  });
});
