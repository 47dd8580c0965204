import { backoff } from '@inlet/schemas/retry';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { classifyResponse } from './classify-response';
import { createCore } from './core';
import { host } from './host';
import { memoryStore } from './memory-store';
import type { QueueStore } from './seams/queue-store';
import type { SendResult } from './seams/transport';
import { pendingEvents } from './stats';
import { type FakeResponse, fakeTransport, fatal, retryLater, tooLarge } from './testing';

const T0 = Date.parse('2025-01-01T00:00:00Z');

const later = (ms: number, answer: () => SendResult | Promise<SendResult>): Promise<SendResult> =>
  new Promise((resolve, reject) =>
    host.setTimeout?.(() => Promise.resolve().then(answer).then(resolve, reject), ms),
  );

/** An asynchronous store (IndexedDB-like): each operation takes effect, then answers, after its own delays. */
function slowStore(inner: QueueStore, delays: readonly number[]): QueueStore {
  let i = 0;
  const pause = () => {
    const ms = delays[i++ % delays.length] ?? 0;
    return new Promise<void>((resolve) => (ms ? host.setTimeout?.(resolve, ms) : resolve()));
  };
  const slow =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await pause();
      const result = await fn(...args);
      await pause();
      return result;
    };
  return {
    push: slow(inner.push),
    peek: slow(inner.peek),
    update: slow(inner.update),
    remove: slow(inner.remove),
    size: slow(inner.size),
    clear: slow(inner.clear),
  };
}

const resultArb: fc.Arbitrary<() => SendResult | Promise<SendResult>> = fc.oneof(
  fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 3 }).map((indices) => () => ({
    kind: 'ok' as const,
    rejected: indices.map((index) => ({ index, errors: [{ path: '', message: 'bad' }] })),
  })),
  fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }).map((after) => () => retryLater(after)),
  fc.constant(() => tooLarge),
  fc.constant(() => fatal(403)),
  fc.constant(() => Promise.reject(new Error('network'))),
);

/** A scripted answer, possibly slow so sends overlap. */
const responseArb: fc.Arbitrary<FakeResponse> = fc.tuple(resultArb, fc.integer({ min: 0, max: 3_000 })).map(
  ([answer, delay]) =>
    () =>
      delay ? later(delay, answer) : answer(),
);

const opArb = fc.oneof(
  fc.record({ op: fc.constant('track' as const), n: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constantFrom('flush' as const, 'unload' as const, 'consent' as const) }),
  fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 8_000 }) }),
);

describe('delivery accounting (property)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('whatever the transport answers, every event ends acknowledged, rejected or dropped exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(responseArb, { maxLength: 25 }),
        fc.array(opArb, { minLength: 1, maxLength: 25 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 }), {
          nil: undefined,
        }),
        async (responses, ops, random, storeDelays) => {
          vi.setSystemTime(T0);
          const transport = fakeTransport();
          transport.respond(...responses);
          const memory = memoryStore({ maxEvents: 12 });
          const store = storeDelays ? slowStore(memory, storeDelays) : memory;
          const core = createCore(
            {
              writeKey: 'wk',
              flushAt: 3,
              maxBatchEvents: 5,
              maxUnloadBytes: 600,
              retry: { maxAttempts: 4, maxAge: 10_000 },
            },
            { transport, store: () => store, library: { name: 'prop', version: '0' }, random: () => random },
          );
          const pending: Promise<unknown>[] = [];
          for (const step of ops) {
            if (step.op === 'track') for (let i = 0; i < step.n; i++) core.track('e', { i });
            else if (step.op === 'flush') pending.push(core.flush());
            else if (step.op === 'unload') pending.push(core.flush({ unloading: true }));
            else if (step.op === 'consent') pending.push(core.optOut().then(() => core.optIn()));
            else if (step.op === 'wait') await vi.advanceTimersByTimeAsync(step.ms);
          }
          const closing = core.close(3_600_000);
          await vi.runAllTimersAsync();
          const left = await closing;
          await Promise.all(pending);

          const stats = core.stats();
          expect(left).toBe(0);
          expect(pendingEvents(stats)).toBe(0);
          expect(transport.overlaps).toEqual([]);
          expect(new Set(transport.acknowledged).size).toBe(transport.acknowledged.length);
          expect(stats.acknowledged).toBe(transport.acknowledged.length);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('pure pieces (property)', () => {
  it('backoff stays within [0, min(cap, base·2^attempt))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, base, cap, r) => {
          const wait = backoff({ attempt, base, cap, random: () => r });
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThanOrEqual(Math.min(cap, base * 2 ** attempt));
        },
      ),
    );
  });

  it('classifyResponse never throws and follows the status classes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 599 }),
        fc.option(fc.string()),
        fc.string(),
        (status, retryAfter, body) => {
          const { kind } = classifyResponse(status, retryAfter, body);
          const expected =
            status >= 200 && status < 300
              ? 'ok'
              : status === 413
                ? 'too-large'
                : status === 0 ||
                    status === 408 ||
                    status === 425 ||
                    status === 429 ||
                    (status >= 500 && status !== 501 && status !== 505)
                  ? 'retry-later'
                  : 'fatal';
          expect(kind).toBe(expected);
        },
      ),
    );
  });
});
