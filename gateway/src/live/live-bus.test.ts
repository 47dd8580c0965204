import { describe, expect, it } from 'vitest';
import { LiveBus, type LiveMessage } from './live-bus';
import { BoundedQueue } from './sse-queue';

const event = (n: number) => ({ topic: 't', key: null, event: { n } });

describe('LiveBus', () => {
  it('samples events and caps them per second, counting the rest as dropped', () => {
    let now = 0;
    const randoms = [0.1, 0.9, 0.2, 0.3, 0.4];
    const bus = new LiveBus({
      sampleRate: 0.5,
      maxEventsPerSecond: 2,
      now: () => now,
      random: () => randoms.shift() ?? 0,
    });
    const got: LiveMessage[] = [];
    const stop = bus.subscribe((m) => got.push(m));
    bus.offer([1, 2, 3, 4].map(event));
    expect(
      got.filter((m) => m.type === 'event').map((m) => (m.data as { event: { n: number } }).event.n),
    ).toEqual([1, 3]);
    now = 1_000;
    bus.offer([event(5)]);
    expect(got.filter((m) => m.type === 'event')).toHaveLength(3);
    expect(bus.snapshot().dropped).toBe(2);
    stop();
    expect(bus.listenerCount).toBe(0);
  });

  it('keeps per-topic totals and sends them on subscribe', () => {
    const bus = new LiveBus({ sampleRate: 1, now: () => 5, random: () => 0 });
    bus.count('a', 'accepted', 3);
    bus.count('a', 'rejected');
    const got: LiveMessage[] = [];
    bus.subscribe((m) => got.push(m))();
    expect(got).toEqual([
      {
        type: 'counters',
        data: { at: 5, dropped: 0, totals: { a: { accepted: 3, rejected: 1, deduplicated: 0 } } },
      },
    ]);
  });

  it('does no work for events while nobody listens', () => {
    let calls = 0;
    const bus = new LiveBus({ sampleRate: 1, now: () => 0, random: () => calls++ });
    bus.offer([event(1)]);
    expect(calls).toBe(0);
  });
});

describe('BoundedQueue', () => {
  it('drops past its capacity and ends when closed', async () => {
    const queue = new BoundedQueue<number>(2);
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(queue.dropped).toBe(1);
    expect(await queue.next()).toBe(1);
    expect(await queue.next()).toBe(2);
    const pending = queue.next();
    queue.close();
    expect(await pending).toBeUndefined();
  });
});
