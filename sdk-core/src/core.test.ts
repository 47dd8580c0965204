import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pendingEvents } from './stats';
import { type TestPlatform, testCore } from './testing';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

const setup = testCore;

const sizes = (p: TestPlatform) => p.transport.calls.map((c) => c.body.batch.length);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('batch triggers', () => {
  it('flushes at flushAt events', async () => {
    const { core, p } = setup({ flushAt: 3 });
    core.track('a');
    core.track('b');
    await tick();
    expect(sizes(p)).toEqual([]);
    core.track('c');
    await tick();
    expect(sizes(p)).toEqual([3]);
  });

  it('flushes flushInterval ms after the first event, not after the last', async () => {
    const { core, p } = setup({ flushInterval: 5_000 });
    core.track('a');
    await tick(3_000);
    core.track('b');
    await tick(1_999);
    expect(sizes(p)).toEqual([]);
    await tick(1);
    expect(sizes(p)).toEqual([2]);
  });

  it('flushes once the events reach maxBatchBytes', async () => {
    // Each event is about 1,150 bytes as JSON: two stay under 3,000, the third crosses it.
    const { core, p } = setup({ maxBatchBytes: 3_000 });
    const big = { text: 'x'.repeat(900) };
    core.track('a', big);
    await tick();
    expect(sizes(p)).toEqual([]);
    core.track('b', big);
    core.track('c', big);
    await tick();
    // A request holds what fits under maxBatchBytes.
    expect(sizes(p)).toEqual([2, 1]);
  });

  it('keeps requests within maxBatchEvents', async () => {
    const { core, p } = setup({ flushAt: 100, maxBatchEvents: 40 });
    for (let i = 0; i < 100; i++) core.track('e');
    await tick();
    expect(sizes(p)).toEqual([40, 40, 20]);
  });

  it('sends what a previous run left in the store soon after start', async () => {
    const first = setup();
    first.core.track('left over');
    await tick();
    const { p } = setup({}, { queue: first.p.queue });
    await tick();
    expect(p.transport.calls[0]?.body.batch).toMatchObject([{ event: 'left over' }]);
  });
});

describe('capture', () => {
  it('builds the event with ids, time, library and session, and sentAt per request', async () => {
    const { core, t } = setup({ flushAt: 1 });
    const id = core.track('Signed Up', { plan: 'pro' }, { context: { locale: 'fr' } });
    await tick();
    const body = t.calls[0]?.body;
    expect(body).toMatchObject({ writeKey: 'wk', sentAt: new Date(T0).toISOString() });
    expect(body?.batch[0]).toMatchObject({
      type: 'track',
      event: 'Signed Up',
      properties: { plan: 'pro' },
      messageId: id,
      anonymousId: core.user().anonymousId,
      timestamp: new Date(T0).toISOString(),
      context: { library: { name: '@inlet/test', version: '0.0.0' }, sessionId: T0, locale: 'fr' },
    });
  });

  it('builds every event type', async () => {
    const { core, t } = setup({ flushAt: 8 });
    core.page('Home', { a: 1 });
    core.screen('Main');
    core.identify('u1', { plan: 'pro' });
    core.group('g1', { size: 3 });
    core.alias('u2');
    core.click({ tag: 'a', href: '/x' }, { x: 1, y: 2 });
    core.log('error', 'boom', { error: { message: 'boom' } });
    core.capture({ type: 'page', name: 'Docs', category: 'Help' });
    await tick();
    expect(t.calls[0]?.body.batch).toMatchObject([
      { type: 'page', name: 'Home', properties: { a: 1 } },
      { type: 'screen', name: 'Main' },
      { type: 'identify', userId: 'u1', traits: { plan: 'pro' } },
      { type: 'group', groupId: 'g1', traits: { size: 3 }, userId: 'u1' },
      { type: 'alias', userId: 'u2', previousId: 'u1' },
      { type: 'click', element: { tag: 'a', href: '/x' }, x: 1, y: 2 },
      { type: 'log', level: 'error', message: 'boom', error: { message: 'boom' } },
      { type: 'page', name: 'Docs', category: 'Help' },
    ]);
  });

  it('takes the platform context per event', async () => {
    let path = '/a';
    const { core, t } = setup({ flushAt: 2 }, { context: () => ({ page: { path } }) });
    core.page();
    path = '/b';
    core.page();
    await tick();
    expect(t.calls[0]?.body.batch.map((e) => e.context?.page?.path)).toEqual(['/a', '/b']);
  });

  it('refuses an event over 32 KB with onError, never sending it', async () => {
    const { core, t, errors } = setup({ flushAt: 1 });
    expect(core.track('huge', { blob: 'x'.repeat(33_000) })).toBeUndefined();
    await core.flush();
    expect(t.calls).toEqual([]);
    expect(errors.map((e) => e.code)).toEqual(['too-large']);
    expect(core.stats()).toMatchObject({ generated: 1, queued: 0, dropped: { 'too-large': 1 } });
  });

  it('refuses an event that is not JSON', async () => {
    const { core, errors } = setup();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(core.track('cyclic', cyclic)).toBeUndefined();
    expect(errors[0]?.code).toBe('invalid');
    expect(core.stats().dropped.invalid).toBe(1);
  });
});

describe('middleware', () => {
  it('modifies events in order, drops on null, and counts a throwing one as a drop', async () => {
    const { core, t, errors } = setup();
    core.use((e) => ({ ...e, properties: { ...(e.type === 'track' ? e.properties : {}), seen: 1 } }));
    core.use((e) => (e.type === 'track' && e.event === 'secret' ? null : e));
    core.use((e) => {
      if (e.type === 'track' && e.event === 'bad') throw new Error('nope');
      return e;
    });
    expect(core.track('kept')).toBeTypeOf('string');
    expect(core.track('secret')).toBeUndefined();
    expect(core.track('bad')).toBeUndefined();
    await core.flush();
    expect(t.calls[0]?.body.batch).toMatchObject([{ event: 'kept', properties: { seen: 1 } }]);
    expect(core.stats().dropped.middleware).toBe(2);
    expect(errors.map((e) => e.code)).toEqual(['middleware']);
  });
});

describe('identity and sessions', () => {
  it('keeps the anonymousId across a reload and renews it on reset', async () => {
    const { core, p } = setup();
    const anonymousId = core.user().anonymousId;
    core.identify('u1', { plan: 'pro' });
    const reloaded = setup({}, { kv: p.kv }).core;
    expect(reloaded.user()).toMatchObject({ anonymousId, userId: 'u1', traits: { plan: 'pro' } });
    reloaded.reset();
    expect(reloaded.user()).toEqual({ anonymousId: expect.any(String), userId: undefined, traits: {} });
    expect(reloaded.user().anonymousId).not.toBe(anonymousId);
  });

  it('rotates the session after 30 idle minutes, and on reset', async () => {
    const { core, t } = setup({ flushAt: 1 });
    core.track('a');
    await tick(29 * 60_000);
    core.track('b');
    await tick(30 * 60_000 + 1);
    core.track('c');
    core.reset();
    await tick(1);
    core.track('d');
    await tick();
    const sessions = t.calls.map((c) => c.body.batch[0]?.context?.sessionId);
    expect(sessions).toEqual([T0, T0, T0 + 59 * 60_000 + 1, T0 + 59 * 60_000 + 2]);
  });
});

describe('consent', () => {
  it('optOut purges the queue and identity, refuses events, and is remembered', async () => {
    const { core, p, t } = setup();
    core.identify('u1');
    core.track('queued');
    await tick();
    core.track('pending');
    await core.optOut();
    expect(await p.queue.size()).toBe(0);
    expect(p.kv.get('anonymousId')).toBeUndefined();
    expect(p.kv.get('userId')).toBeUndefined();
    expect(core.track('while out')).toBeUndefined();
    await core.flush();
    expect(t.calls).toEqual([]);
    expect(core.stats().dropped.consent).toBe(4);
    expect(setup({}, { kv: p.kv }).core.isOptedOut()).toBe(true);

    core.optIn();
    expect(core.track('back')).toBeTypeOf('string');
    await core.flush();
    expect(t.calls[0]?.body.batch).toMatchObject([{ event: 'back' }]);
    expect(p.kv.get('optOut')).toBeUndefined();
  });
});

describe('pause and resume', () => {
  it('queues while paused and sends on resume, without waiting out a backoff', async () => {
    const { core, t } = setup();
    t.respond(new Error('offline'));
    core.track('a');
    await core.flush();
    core.pause();
    core.track('b');
    await core.flush();
    expect(t.calls).toHaveLength(1);
    await core.resume();
    expect(t.calls[1]?.body.batch.map((e) => e.event)).toEqual(['a', 'b']);
  });
});

describe('stats', () => {
  it('adds up: every generated event is acknowledged, rejected, dropped or pending', async () => {
    const { core, t } = setup({ flushAt: 100 });
    const { ok } = await import('./testing');
    t.respond(ok(1));
    core.use((e) => (e.type === 'track' && e.event === 'drop' ? null : e));
    for (const name of ['a', 'b', 'drop', 'c']) core.track(name);
    await core.flush();
    core.track('later');
    const stats = core.stats();
    expect(stats).toMatchObject({
      generated: 5,
      queued: 4,
      sent: 3,
      batches: 1,
      acknowledged: 2,
      rejected: 1,
    });
    expect(stats.dropped.middleware).toBe(1);
    expect(pendingEvents(stats)).toBe(1);
  });

  it('returns a copy', () => {
    const { core } = setup();
    const stats = core.stats();
    stats.dropped.cap = 99;
    expect(core.stats().dropped.cap).toBe(0);
  });
});

describe('close', () => {
  it('flushes, waits out backoffs until the deadline, and reports what is left', async () => {
    const { core, t } = setup({ retry: { backoffBase: 1_000 } });
    t.respond(new Error('down'), new Error('down'));
    core.track('a');
    const closing = core.close(10_000);
    await tick(10_000);
    expect(await closing).toBe(0);
    expect(t.calls).toHaveLength(3);
  });

  it('sends at once an event that is far into its backoff', async () => {
    const { core, t } = setup({ retry: { backoffBase: 60_000, backoffCap: 300_000 } });
    t.respond(fakeDown, fakeDown);
    core.track('a');
    await core.flush();
    await core.flush({ ignoreBackoff: true });
    expect(t.calls).toHaveLength(2);
    const closing = core.close(1_000);
    await tick(0);
    expect(await closing).toBe(0);
    expect(t.calls).toHaveLength(3);
    expect(core.stats().acknowledged).toBe(1);
  });

  it('gives up at the deadline', async () => {
    const { core, t } = setup();
    t.respond(fakeDown, fakeDown, fakeDown, fakeDown, fakeDown, fakeDown);
    core.track('a');
    const closing = core.close(3_000);
    await tick(3_000);
    expect(await closing).toBe(1);
  });
});

const fakeDown = { kind: 'retry-later', reason: 'HTTP 503' } as const;
