/**
 * Unloading sends (keepalive at hidden or pagehide): their events stay in the store, marked
 * `handedOverAt`, until the answer is read; a page that dies first leaves them for a later visit,
 * which sends them again and counts them `resent`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InletError } from './errors';
import { memoryStore } from './memory-store';
import type { QueueStore } from './seams/queue-store';
import { held, ok, retryLater, testCore } from './testing';

const T0 = Date.parse('2025-01-01T00:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A core on `queue` (shared, as tabs and visits of an origin share IndexedDB); random() = 1. */
function visit(queue: QueueStore = memoryStore(), onError?: (error: InletError) => void) {
  return testCore({ flushAt: 1_000, ...(onError ? { onError } : {}) }, { queue });
}

describe('unloading sends', () => {
  it('keep their events stored, marked, until the answer; an ok removes them', async () => {
    const { core, t, queue } = visit();
    const gate = held(ok());
    t.respond(gate.response);
    core.track('a');
    core.track('b');
    vi.setSystemTime(T0 + 5_000);
    const hidden = core.flush({ unloading: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.calls.map((c) => c.options?.unloading)).toEqual([true]);
    expect(await queue.peek(10)).toMatchObject([
      { event: { event: 'a' }, handedOverAt: T0 + 5_000 },
      { event: { event: 'b' }, handedOverAt: T0 + 5_000 },
    ]);
    gate.release();
    await hidden;
    expect(await queue.size()).toBe(0);
    expect(core.stats()).toMatchObject({ acknowledged: 2, resent: 0, retried: 0 });
  });

  it('that fail leave the events queued, unmarked, one attempt spent, and the next send delivers them', async () => {
    const { core, t, queue } = visit();
    t.respond(new Error('gateway unreachable'));
    for (const name of ['a', 'b', 'c']) core.track(name);
    await core.flush({ unloading: true });
    const left = await queue.peek(10);
    expect(left.map((e) => [e.event.type === 'track' && e.event.event, e.attempts, e.notBefore])).toEqual([
      ['a', 1, T0 + 1_000],
      ['b', 1, T0 + 1_000],
      ['c', 1, T0 + 1_000],
    ]);
    expect(left.some((e) => 'handedOverAt' in e)).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.acknowledged).toHaveLength(3);
    expect(await queue.size()).toBe(0);
    expect(core.stats()).toMatchObject({ acknowledged: 3, retried: 3, resent: 0 });
  });

  it('whose page died before the answer are sent again by the next visit, counted resent', async () => {
    const queue = memoryStore();
    const first = visit(queue);
    // The answer never comes: the page is gone.
    first.t.respond(() => new Promise(() => {}));
    for (const name of ['a', 'b']) first.core.track(name);
    void first.core.flush({ unloading: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(first.t.calls).toHaveLength(1);

    const next = visit(queue);
    next.core.track('c');
    await next.core.flush();
    expect(next.t.calls.map((c) => c.body.batch.map((e) => e.type === 'track' && e.event))).toEqual([
      ['a', 'b', 'c'],
    ]);
    // The same messageIds: the gateway's dedup drops what the first send did deliver.
    expect(next.t.calls[0]?.messageIds.slice(0, 2)).toEqual(first.t.calls[0]?.messageIds);
    expect(next.core.stats()).toMatchObject({ acknowledged: 3, resent: 2 });
    expect(await queue.size()).toBe(0);
  });

  it('keep an earlier visit’s mark when they fail, so every resend is counted', async () => {
    const queue = memoryStore();
    const first = visit(queue);
    first.t.respond(() => new Promise(() => {}));
    first.core.track('a');
    void first.core.flush({ unloading: true });
    await vi.advanceTimersByTimeAsync(0);

    const next = visit(queue);
    next.t.respond(retryLater(), ok());
    await next.core.flush();
    expect(await queue.peek(1)).toMatchObject([{ attempts: 1, handedOverAt: T0 }]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(next.core.stats()).toMatchObject({ sent: 2, resent: 2, retried: 1, acknowledged: 1 });
  });

  it('send even when the store cannot mark them, and report the store failure', async () => {
    const store = memoryStore();
    const failing: QueueStore = { ...store, update: () => Promise.reject(new Error('quota')) };
    const errors: InletError[] = [];
    const { core, t } = visit(failing, (error) => errors.push(error));
    core.track('a');
    await core.flush({ unloading: true });
    expect(t.acknowledged).toHaveLength(1);
    expect(await store.size()).toBe(0);
    expect(errors.map((e) => e.code)).toEqual(['store']);
  });
});
