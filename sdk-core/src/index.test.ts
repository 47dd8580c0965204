// Only the public entry points, as sdk-web, sdk-node and the virtual users see them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  classifyResponse,
  createCore,
  DROP_REASONS,
  isInletError,
  memoryKv,
  memoryStore,
  pendingEvents,
  type QueueCaps,
} from './index';
import { fakeTransport, ok, retryLater } from './testing';

describe('@inlet/sdk-core public API', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2025-03-01T12:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('captures, batches, retries and delivers every event once, with the counts to show it', async () => {
    const transport = fakeTransport();
    const errors: string[] = [];
    const core = createCore(
      { writeKey: 'wk_test', flushAt: 5, onError: (e) => errors.push(e.code) },
      {
        transport,
        store: memoryStore,
        kv: memoryKv(),
        library: { name: '@inlet/sdk-test', version: '1.0.0' },
        context: { locale: 'en-GB' },
        random: () => 0.5,
      },
    );
    // The gateway is down once (Retry-After 2 s), then rejects one event, then accepts everything.
    transport.respond(retryLater(2_000), ok(1));
    core.use((event) => (event.type === 'track' && event.event === 'internal' ? null : event));

    core.identify('user-1', { plan: 'pro' });
    core.page('Home');
    core.track('internal');
    for (let i = 0; i < 6; i++) core.track('Item Viewed', { i });
    core.log('warn', 'slow');
    core.track('huge', { blob: 'x'.repeat(40_000) });

    await vi.advanceTimersByTimeAsync(10_000);
    expect(await core.close(1_000)).toBe(0);

    // The burst was persisted before the drain looked, so one request carried it: 503, then ok.
    expect(transport.calls.map((c) => c.body.batch.length)).toEqual([9, 9]);
    const sent = transport.calls.flatMap((c) => c.body.batch);
    expect(sent.every((e) => e.userId === 'user-1' && e.context?.locale === 'en-GB')).toBe(true);
    expect(transport.calls[1]?.body.sentAt).toBe('2025-03-01T12:00:02.000Z');
    expect(transport.overlaps).toEqual([]);
    expect(new Set(transport.acknowledged).size).toBe(8);

    const stats = core.stats();
    expect(stats).toMatchObject({ generated: 11, queued: 9, acknowledged: 8, rejected: 1, retried: 9 });
    expect(stats.dropped).toMatchObject({ middleware: 1, 'too-large': 1 });
    expect(pendingEvents(stats)).toBe(0);
    expect(errors).toEqual(['too-large', 'rejected']);
    expect(DROP_REASONS).toContain('max-attempts');
  });

  it('exposes the pure pieces runtimes share', () => {
    expect(classifyResponse(503, '7')).toEqual({
      kind: 'retry-later',
      reason: 'HTTP 503',
      retryAfterMs: 7_000,
    });
    expect(() =>
      createCore(
        { writeKey: '' },
        { transport: fakeTransport(), store: memoryStore, library: { name: 'x', version: '0' } },
      ),
    ).toThrow(expect.objectContaining({ code: 'config' }));
    try {
      createCore(
        { writeKey: 'wk', flushAt: -5 },
        { transport: fakeTransport(), store: memoryStore, library: { name: 'x', version: '0' } },
      );
    } catch (error) {
      expect(isInletError(error)).toBe(true);
    }
    expect.assertions(3);
  });

  it('makes its queue once, with the caps resolved from the options', () => {
    const made: QueueCaps[] = [];
    const platform = {
      transport: fakeTransport(),
      store: (caps: QueueCaps) => {
        made.push(caps);
        return memoryStore(caps);
      },
      library: { name: 'x', version: '0' },
    };
    createCore({ writeKey: 'wk', maxQueueEvents: 7 }, platform);
    createCore({ writeKey: 'wk', maxQueueBytes: 900 }, platform);
    expect(made).toEqual([
      { maxEvents: 7, maxBytes: 5_000_000 },
      { maxEvents: 1_000, maxBytes: 900 },
    ]);
    // A bad cap is refused before any queue is made.
    expect(() => createCore({ writeKey: 'wk', maxQueueEvents: -1 }, platform)).toThrow(/maxQueueEvents/);
    expect(made).toHaveLength(2);
  });
});
