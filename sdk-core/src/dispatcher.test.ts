import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from './memory-store';
import type { CoreOptions } from './options';
import type { SendLock } from './seams/send-lock';
import { fatal, held, ok, retryLater, type TestPlatform, testCore, tooLarge } from './testing';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

/** A core that flushes only when told (flushAt 1,000). */
const setup = (options: Partial<CoreOptions> = {}, platform: Partial<TestPlatform> = {}) =>
  testCore({ flushAt: 1_000, ...options }, platform);

/** When each send happened, in ms after T0. */
const times = (p: TestPlatform, sentAt: number[]) => p.transport.calls.map((_, i) => sentAt[i]);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retry-later', () => {
  it('backs off 1 s, 2 s, 4 s… with the attempt counted, then delivers', async () => {
    const sentAt: number[] = [];
    const { core, p, t } = setup();
    const down = (): ReturnType<typeof retryLater> => {
      sentAt.push(Date.now() - T0);
      return retryLater();
    };
    t.respond(down, down, down, () => {
      sentAt.push(Date.now() - T0);
      return { kind: 'ok', rejected: [] };
    });
    core.track('a');
    await core.flush();
    await tick(60_000);
    expect(times(p, sentAt)).toEqual([0, 1_000, 3_000, 7_000]);
    expect(core.stats()).toMatchObject({ sent: 4, retried: 3, acknowledged: 1 });
    expect(await p.queue.size()).toBe(0);
  });

  it('persists attempts and notBefore on the queued event', async () => {
    const { core, p, t } = setup();
    t.respond(retryLater());
    core.track('a');
    await core.flush();
    expect(await p.queue.peek(1)).toMatchObject([{ attempts: 1, notBefore: T0 + 1_000 }]);
  });

  it('honours Retry-After when longer than the backoff, capped by maxRetryAfter', async () => {
    const { core, p, t } = setup({ retry: { maxRetryAfter: 60_000 } });
    t.respond(retryLater(30_000));
    core.track('a');
    await core.flush();
    expect((await p.queue.peek(1))[0]?.notBefore).toBe(T0 + 30_000);
    t.respond(retryLater(3_600_000));
    await tick(30_000);
    expect(t.calls).toHaveLength(2);
    expect((await p.queue.peek(1))[0]?.notBefore).toBe(T0 + 30_000 + 60_000);
  });

  it('holds back later events while the oldest waits (no retry storm)', async () => {
    const { core, t } = setup();
    t.respond(retryLater());
    core.track('a');
    await core.flush();
    core.track('b');
    await core.flush();
    expect(t.calls).toHaveLength(1);
    await tick(1_000);
    expect(t.calls[1]?.body.batch.map((e) => e.event)).toEqual(['a', 'b']);
  });

  it('treats a throwing transport as retry-later', async () => {
    const { core, t } = setup();
    t.respond(new Error('ECONNREFUSED'));
    core.track('a');
    await core.flush();
    expect(core.stats().retried).toBe(1);
    await tick(1_000);
    expect(core.stats().acknowledged).toBe(1);
  });

  it('drops after maxAttempts sends, counted', async () => {
    const { core, p, t, errors } = setup({ retry: { maxAttempts: 3 } });
    t.respond(retryLater(), retryLater(), retryLater(), retryLater());
    core.track('a');
    await core.flush();
    await tick(60_000);
    expect(t.calls).toHaveLength(3);
    expect(core.stats()).toMatchObject({ retried: 2, dropped: { 'max-attempts': 1 } });
    expect(errors.map((e) => e.code)).toEqual(['max-attempts']);
    expect(await p.queue.size()).toBe(0);
  });

  it('drops events older than maxAge before sending, counted', async () => {
    const { core, p, t } = setup({ retry: { maxAge: 10_000, backoffBase: 60_000, backoffCap: 60_000 } });
    t.respond(retryLater());
    core.track('old');
    await core.flush();
    await tick(60_000);
    expect(t.calls).toHaveLength(1);
    expect(core.stats().dropped['max-age']).toBe(1);
    expect(await p.queue.size()).toBe(0);
  });
});

describe('too-large', () => {
  it('splits the batch in halves until each part fits, dropping a lone event', async () => {
    const { core, t } = setup();
    // 8 → 413; 4 → 413, 2 ok, 2 ok; 4 → 413, 2 ok, 2 → 413, 1 → 413 (dropped), 1 ok.
    t.respond(tooLarge, tooLarge, ok(), ok(), tooLarge, ok(), tooLarge, tooLarge, ok());
    for (let i = 0; i < 8; i++) core.track(`e${i}`);
    await core.flush();
    expect(t.calls.map((c) => c.body.batch.length)).toEqual([8, 4, 2, 2, 4, 2, 2, 1, 1]);
    expect(core.stats()).toMatchObject({ acknowledged: 7, dropped: { 'too-large': 1 } });
  });
});

describe('fatal', () => {
  it('drops the batch, never retries, and reports it', async () => {
    const { core, p, t, errors } = setup();
    t.respond(fatal(401));
    core.track('a');
    core.track('b');
    await core.flush();
    await tick(600_000);
    expect(t.calls).toHaveLength(1);
    expect(core.stats().dropped.fatal).toBe(2);
    expect(errors[0]).toMatchObject({ code: 'fatal', message: expect.stringContaining('HTTP 401') });
    expect(await p.queue.size()).toBe(0);
  });
});

describe('ok with rejections', () => {
  it('counts rejected events and never retries them', async () => {
    const { core, p, t, errors } = setup();
    t.respond(ok(0, 2, 2, 9));
    for (const name of ['a', 'b', 'c']) core.track(name);
    await core.flush();
    expect(core.stats()).toMatchObject({ acknowledged: 1, rejected: 2 });
    expect(errors.map((e) => e.code)).toEqual(['rejected']);
    expect(await p.queue.size()).toBe(0);
  });
});

describe('in-flight tracking', () => {
  it('never puts an event in two sends when flushes overlap', async () => {
    const { core, t } = setup();
    const gate = held();
    t.respond(gate.response);
    core.track('a');
    const first = core.flush();
    await tick();
    core.track('b');
    const second = core.flush();
    const unloading = core.flush({ unloading: true });
    await tick();
    expect(t.calls.map((c) => c.body.batch.map((e) => e.event))).toEqual([['a'], ['b']]);
    expect(t.calls[1]?.options).toEqual({ unloading: true });
    gate.release();
    await Promise.all([first, second, unloading]);
    expect(t.overlaps).toEqual([]);
    expect(core.stats().acknowledged).toBe(2);
  });

  it('sends in ≤ maxUnloadBytes requests, all at once, when unloading', async () => {
    const { core, t } = setup({ maxUnloadBytes: 2_500 });
    for (let i = 0; i < 5; i++) core.track('e', { text: 'x'.repeat(900) });
    await core.flush({ unloading: true });
    expect(t.calls.map((c) => c.body.batch.length)).toEqual([2, 2, 1]);
    expect(t.maxInFlight).toBe(3);
    expect(t.calls.every((c) => c.options?.unloading)).toBe(true);
  });

  it('sends the whole queue when unloading, not just one batch of maxBatchEvents', async () => {
    const { core, t } = setup({ maxBatchEvents: 100, maxUnloadBytes: 20_000 });
    for (let i = 0; i < 250; i++) core.track(`e${i}`, { text: 'x'.repeat(300) });
    await core.flush({ unloading: true });
    const sent = t.calls.flatMap((c) => c.body.batch.map((e) => e.event));
    expect(sent).toEqual(Array.from({ length: 250 }, (_, i) => `e${i}`));
    for (const call of t.calls) {
      expect(call.body.batch.length).toBeLessThanOrEqual(100);
      expect(JSON.stringify(call.body.batch).length).toBeLessThanOrEqual(20_000);
    }
    expect(core.stats().acknowledged).toBe(250);
  });

  it('reaches the transport within the same task when unloading (no timer, no macrotask)', async () => {
    const { core, t } = setup();
    core.track('a');
    core.track('b');
    void core.flush({ unloading: true });
    for (let i = 0; i < 50 && !t.calls.length; i++) await Promise.resolve();
    expect(t.calls.map((c) => c.body.batch.length)).toEqual([2]);
  });

  it('leaves the queue to the lock holder and comes back later', async () => {
    let free = false;
    const lock: SendLock = {
      tryRun: async (fn) => (free ? { ran: true, value: await fn() } : { ran: false }),
    };
    const { core, t } = setup({ flushInterval: 5_000 }, { lock });
    core.track('a');
    await core.flush();
    expect(t.calls).toHaveLength(0);
    free = true;
    await tick(5_000);
    expect(t.calls).toHaveLength(1);
  });
});

describe('queue cap', () => {
  it('counts evicted events, and an evicted in-flight event once, by its outcome', async () => {
    const { core, t } = setup({}, { queue: memoryStore({ maxEvents: 2 }) });
    const gate = held(retryLater());
    t.respond(gate.response);
    core.track('a');
    const sending = core.flush();
    await tick();
    for (const name of ['b', 'c', 'd']) core.track(name);
    await tick();
    // One write of b, c, d evicts a (in flight: counted when its send ends) and b.
    expect(core.stats().dropped.cap).toBe(1);
    gate.release();
    await sending;
    expect(core.stats().dropped.cap).toBe(2);
    await core.flush();
    expect(core.stats()).toMatchObject({ acknowledged: 2, retried: 0 });
    expect(t.calls.at(-1)?.body.batch.map((e) => e.event)).toEqual(['c', 'd']);
  });
});

describe('opt-out during a send', () => {
  it('counts the in-flight events by their outcome and the rest as consent drops', async () => {
    const { core, p, t } = setup();
    const gate = held();
    t.respond(gate.response);
    core.track('a');
    const sending = core.flush();
    await tick();
    core.track('b');
    await tick();
    const out = core.optOut();
    gate.release();
    await Promise.all([sending, out]);
    expect(core.stats()).toMatchObject({ acknowledged: 1, dropped: { consent: 1 } });
    expect(await p.queue.size()).toBe(0);
  });
});
