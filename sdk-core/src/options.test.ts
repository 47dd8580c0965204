import { LIMITS } from '@inlet/schemas/limits';
import { describe, expect, it } from 'vitest';
import { isInletError } from './errors';
import { type CoreOptions, resolveOptions } from './options';

describe('resolveOptions', () => {
  it('fills every default', () => {
    const o = resolveOptions({ writeKey: 'wk' });
    expect(o).toMatchObject({
      writeKey: 'wk',
      flushAt: 20,
      flushInterval: 5_000,
      maxBatchBytes: 450_000,
      maxBatchEvents: 500,
      maxEventBytes: 32_768,
      maxQueueEvents: 1_000,
      sessionTimeout: 1_800_000,
      debug: false,
      retry: {
        maxAttempts: 10,
        maxAge: 86_400_000,
        backoffBase: 1_000,
        backoffCap: 300_000,
        maxRetryAfter: 600_000,
      },
    });
  });

  it('keeps what is given, nested retry included', () => {
    const o = resolveOptions({ writeKey: 'wk', flushAt: 1, retry: { maxAttempts: 3 }, debug: true });
    expect(o.flushAt).toBe(1);
    expect(o.retry).toMatchObject({ maxAttempts: 3, maxAge: 86_400_000 });
    expect(o.debug).toBe(true);
  });

  it('keeps a batch within the gateway limit', () => {
    expect(resolveOptions({ writeKey: 'wk', maxBatchEvents: 10_000 }).maxBatchEvents).toBe(2_500);
    expect(resolveOptions({ writeKey: 'wk', maxBatchEvents: 10_000 }).maxBatchEvents).toBe(
      LIMITS.maxBatchEvents,
    );
    expect(resolveOptions({ writeKey: 'wk' }).maxEventBytes).toBe(LIMITS.maxEventBytes);
    expect(resolveOptions({ writeKey: 'wk', maxBatchEvents: 0 }).maxBatchEvents).toBe(1);
  });

  it('names a bad value and the fix', () => {
    const bad = (options: unknown) => () => resolveOptions(options as CoreOptions);
    expect(bad({ writeKey: '' })).toThrow(/writeKey is required/);
    expect(bad({})).toThrow(/writeKey is required/);
    expect(bad({ writeKey: 'wk', flushAt: -1 })).toThrow('option flushAt must be a number ≥ 0, got -1');
    expect(bad({ writeKey: 'wk', retry: { maxAge: '1h' } })).toThrow(
      'option retry.maxAge must be a number ≥ 0, got 1h',
    );
    try {
      bad({ writeKey: 'wk', flushInterval: Number.NaN })();
    } catch (error) {
      expect(isInletError(error) && error.code).toBe('config');
    }
    expect.assertions(5);
  });
});
