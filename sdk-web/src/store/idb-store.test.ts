import 'fake-indexeddb/auto';
import type { QueuedEvent } from '@inlet/sdk-core';
import { describe, expect, it } from 'vitest';
import { entry, freshIndexedDbPerTest, ids } from '../testing/queue-entries';
import { createIdbStore } from './idb-store';

freshIndexedDbPerTest();

describe('IndexedDB queue store', () => {
  it('keeps events in the order pushed across a reload (a new store on the same database)', async () => {
    const before = createIdbStore();
    await before.push([entry(1), entry(2)]);
    await before.push([entry(3)]);

    const after = createIdbStore();
    expect(ids(await after.peek(10))).toEqual(['m1', 'm2', 'm3']);
    expect(await after.size()).toBe(3);
    expect(ids(await after.peek(2))).toEqual(['m1', 'm2']);
  });

  it('removes only acknowledged events, including ones another tab queued', async () => {
    const tabA = createIdbStore();
    const tabB = createIdbStore();
    await tabA.push([entry(1), entry(2), entry(3)]);
    await tabB.remove(['m2']); // tabB never saw m2: found by a key scan
    await tabA.remove(['m1', 'missing']);
    expect(ids(await tabA.peek(10))).toEqual(['m3']);
  });

  it('updates attempts in place and does not resurrect removed events', async () => {
    const store = createIdbStore();
    await store.push([entry(1), entry(2)]);
    await store.remove(['m2']);
    await store.update([
      { ...entry(1), attempts: 2, notBefore: 5_000 },
      { ...entry(2), attempts: 1 },
    ]);
    const [first, ...rest] = await store.peek(10);
    expect(first).toMatchObject({ id: 'm1', attempts: 2, notBefore: 5_000 });
    expect(rest).toEqual([]);
  });

  it('drops the oldest events above the event cap and returns them', async () => {
    const store = createIdbStore({ maxEvents: 3 });
    expect((await store.push([entry(1), entry(2)])).dropped).toEqual([]);
    const { dropped } = await store.push([entry(3), entry(4), entry(5)]);
    expect(ids(dropped)).toEqual(['m1', 'm2']);
    expect(ids(await store.peek(10))).toEqual(['m3', 'm4', 'm5']);
  });

  it('drops the oldest events above the byte cap', async () => {
    const store = createIdbStore({ maxBytes: 1_000 });
    await store.push([entry(1, 400), entry(2, 400)]);
    const { dropped } = await store.push([entry(3, 300)]);
    expect(ids(dropped)).toEqual(['m1']);
    expect(await store.size()).toBe(2);
  });

  it('lets a read issued right after a push see it (unload delivery pushes then peeks)', async () => {
    const store = createIdbStore();
    const pushed = store.push([entry(1), entry(2)]);
    const removed = store.remove(['m1']);
    expect(ids(await store.peek(10))).toEqual(['m2']);
    await Promise.all([pushed, removed]);
  });

  it('stores what JSON would send when an event cannot be cloned (a function in properties)', async () => {
    const store = createIdbStore();
    const odd = {
      ...entry(1),
      event: { ...entry(1).event, properties: { fn: () => 1, n: 1 } },
    } as QueuedEvent;
    expect(() => structuredClone(odd)).toThrow();
    await store.push([odd]);
    const [stored] = await createIdbStore().peek(1); // read from IndexedDB, not this store's memory
    expect(stored?.event).toMatchObject({ properties: { n: 1 } });
    expect(stored?.event).not.toHaveProperty('properties.fn');
  });

  it('empties the queue on clear', async () => {
    const store = createIdbStore();
    await store.push([entry(1), entry(2)]);
    await store.clear();
    expect(await createIdbStore().size()).toBe(0);
  });
});
