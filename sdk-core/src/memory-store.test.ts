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
  it('evicts the oldest until both caps hold', () => {
    expect(overCap([10, 10, 10], 3, 30)).toBe(0);
    expect(overCap([10, 10, 10], 2, 30)).toBe(1);
    expect(overCap([50, 10, 10], 3, 25)).toBe(1);
    expect(overCap([10, 10], 0, 100)).toBe(2);
    expect(overCap([], 0, 0)).toBe(0);
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
