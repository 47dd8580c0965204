import { describe, expect, it } from 'vitest';
import { memoryKv, memoryStore, overCap } from './memory-store';
import type { QueuedEvent } from './seams/queue-store';

const entry = (id: string, bytes = 10): QueuedEvent => ({
  id,
  event: { type: 'track', event: 'E', messageId: id, anonymousId: 'a' },
  bytes,
  enqueuedAt: 0,
  attempts: 0,
});

describe('memoryStore', () => {
  it('keeps events oldest first', async () => {
    const store = memoryStore();
    await store.push([entry('a'), entry('b')]);
    await store.push([entry('c')]);
    expect((await store.peek(2)).map((e) => e.id)).toEqual(['a', 'b']);
    expect(await store.size()).toBe(3);
  });

  it('evicts the oldest beyond the event cap and returns them', async () => {
    const store = memoryStore({ maxEvents: 2 });
    await store.push([entry('a')]);
    const { dropped } = await store.push([entry('b'), entry('c'), entry('d')]);
    expect(dropped.map((e) => e.id)).toEqual(['a', 'b']);
    expect((await store.peek(10)).map((e) => e.id)).toEqual(['c', 'd']);
  });

  it('evicts the oldest beyond the byte cap', async () => {
    const store = memoryStore({ maxBytes: 25 });
    const { dropped } = await store.push([entry('a'), entry('b'), entry('c')]);
    expect(dropped.map((e) => e.id)).toEqual(['a']);
    await store.remove(['b']);
    expect((await store.push([entry('d')])).dropped).toEqual([]);
  });

  it('updates in place, never re-adding a removed id', async () => {
    const store = memoryStore();
    await store.push([entry('a'), entry('b')]);
    await store.remove(['a']);
    await store.update([
      { ...entry('a'), attempts: 1 },
      { ...entry('b'), attempts: 2 },
    ]);
    expect(await store.peek(10)).toEqual([{ ...entry('b'), attempts: 2 }]);
    await store.clear();
    expect(await store.size()).toBe(0);
  });
});

describe('overCap', () => {
  const sized = (...bytes: number[]) => bytes.map((b, i) => ({ id: `e${i}`, bytes: b }));
  const over = (entries: { id: string; bytes: number }[], maxEvents: number, maxBytes: number) =>
    overCap(
      entries,
      entries.length,
      entries.reduce((n, e) => n + e.bytes, 0),
      maxEvents,
      maxBytes,
    ).map((e) => e.id);

  it('evicts the oldest until both caps hold', () => {
    expect(over(sized(10, 10, 10), 3, 30)).toEqual([]);
    expect(over(sized(10, 10, 10), 2, 30)).toEqual(['e0']);
    expect(over(sized(50, 10, 10), 3, 25)).toEqual(['e0']);
    expect(over(sized(10, 10), 0, 100)).toEqual(['e0', 'e1']);
    expect(over([], 0, 0)).toEqual([]);
  });

  it('reads the entries only as far as it evicts', () => {
    const read: number[] = [];
    function* oldest() {
      for (let i = 0; i < 1_000; i++) {
        read.push(i);
        yield { bytes: 1 };
      }
    }
    expect(overCap(oldest(), 1_000, 1_000, 998, 10_000)).toHaveLength(2);
    expect(read).toEqual([0, 1, 2]);
  });
});

describe('memoryKv', () => {
  it('gets, sets and removes', () => {
    const kv = memoryKv({ a: '1' });
    kv.set('b', '2');
    kv.set('a', undefined);
    expect([kv.get('a'), kv.get('b')]).toEqual([undefined, '2']);
  });
});
