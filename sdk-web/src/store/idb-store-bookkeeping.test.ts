import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { entry, freshIndexedDbPerTest, ids, range } from '../testing/queue-entries';
import { createIdbStore } from './idb-store';

freshIndexedDbPerTest();

describe('IndexedDB queue store bookkeeping (running totals, coalesced writes)', () => {
  it('keeps the cap with running totals over many pushes, reporting each eviction once', async () => {
    const store = createIdbStore({ maxEvents: 5, maxBytes: 450 });
    const dropped: string[] = [];
    for (let n = 1; n <= 20; n += 2) dropped.push(...ids((await store.push(range(n, n + 1))).dropped));
    expect(dropped).toEqual(ids(range(1, 16)));
    expect(ids(await store.peek(10))).toEqual(['m17', 'm18', 'm19', 'm20']); // 4 × 100 ≤ 450 bytes
    expect(await store.size()).toBe(4);
  });

  it('returns the oldest events of a push larger than the cap without keeping them', async () => {
    const store = createIdbStore({ maxEvents: 3 });
    await store.push([entry(1)]);
    const { dropped } = await store.push(range(2, 6));
    expect(ids(dropped)).toEqual(['m1', 'm2', 'm3']);
    expect(ids(await createIdbStore().peek(10))).toEqual(['m4', 'm5', 'm6']);
  });

  it('writes pushes made meanwhile together, each resolving once its events are durable', async () => {
    const store = createIdbStore({ maxEvents: 4 });
    const first = store.push([entry(1), entry(2)]);
    const second = store.push([entry(3), entry(4)]);
    const third = store.push([entry(5), entry(6)]);
    // The first push starts a transaction at once; the two made meanwhile share the next one, whose
    // first push reports every eviction, so each is counted once.
    expect((await first).dropped).toEqual([]);
    const [b, c] = await Promise.all([second, third]);
    expect(ids(b.dropped)).toEqual(['m1', 'm2']);
    expect(c.dropped).toEqual([]);
    // Read through another connection: the events are on disk, not only in this store's memory.
    expect(ids(await createIdbStore().peek(10))).toEqual(['m3', 'm4', 'm5', 'm6']);
  });

  it('keeps two stores on one database (two tabs) within the cap', async () => {
    const tabA = createIdbStore({ maxEvents: 5 });
    const tabB = createIdbStore({ maxEvents: 5 });
    let dropped = 0;
    for (let n = 1; n <= 30; n += 3) {
      const tab = n % 2 ? tabA : tabB;
      dropped += (await tab.push(range(n, n + 2))).dropped.length;
      expect(await tabA.size()).toBeLessThanOrEqual(5);
    }
    expect(dropped).toBe(25);
    expect(ids(await tabB.peek(10))).toEqual(ids(range(26, 30)));
  });

  it('finds events another tab queued while keeping the count unchanged', async () => {
    const tabA = createIdbStore();
    const tabB = createIdbStore();
    await tabA.push([entry(1), entry(2)]);
    await tabB.remove(['m1', 'm2']);
    await tabB.push([entry(3), entry(4)]);
    await tabA.remove(['m3']); // tabA's memory still lists m1 and m2: same count, other keys
    expect(ids(await tabA.peek(10))).toEqual(['m4']);
  });

  it('does not bring back an event another tab removed while the count stayed the same', async () => {
    const tabA = createIdbStore();
    const tabB = createIdbStore();
    await tabA.push([entry(1)]);
    await tabB.remove(['m1']);
    await tabB.push([entry(2)]);
    await tabA.update([{ ...entry(1), attempts: 1 }]);
    expect(ids(await tabB.peek(10))).toEqual(['m2']);
  });
});
