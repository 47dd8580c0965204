import { describe, expect, it } from 'vitest';
import { backoff, exponentialDelay, isRetryableStatus, parseRetryAfter } from './retry';

const at = (random: number) => (attempt: number) =>
  backoff({ attempt, base: 1_000, cap: 300_000, random: () => random });

describe('backoff', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    const ceiling = at(1);
    expect([0, 1, 2, 3, 8, 9, 20].map(ceiling)).toEqual([
      1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000,
    ]);
  });

  it('jitters over the whole window (full jitter)', () => {
    expect(at(0)(5)).toBe(0);
    expect(at(0.5)(3)).toBe(4_000);
    expect(at(0.25)(20)).toBe(75_000);
  });
});

describe('exponentialDelay', () => {
  it('is the backoff ceiling, without jitter: base·2^attempt up to the cap', () => {
    const delay = (attempt: number) => exponentialDelay({ attempt, base: 500, cap: 30_000 });
    expect([0, 1, 2, 5, 6, 7, 40].map(delay)).toEqual([500, 1_000, 2_000, 16_000, 30_000, 30_000, 30_000]);
    expect(exponentialDelay({ attempt: 3, base: 1_000, cap: 300_000 })).toBe(at(1)(3));
  });

  it('never exceeds a cap below the base', () => {
    expect(exponentialDelay({ attempt: 0, base: 500, cap: 100 })).toBe(100);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1);
  it('reads delta-seconds, fractions and HTTP dates; a past date is 0', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1_500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
  });

  it('is undefined when absent or unreadable', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('  ', now)).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it('retries timeouts, throttling and transient server errors only', () => {
    expect([408, 425, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 413, 422, 501, 505].some(isRetryableStatus)).toBe(false);
  });
});
