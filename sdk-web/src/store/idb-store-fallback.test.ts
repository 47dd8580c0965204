import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entry, freshIndexedDbPerTest, ids } from '../testing/queue-entries';
import { createIdbStore } from './idb-store';

freshIndexedDbPerTest();

afterEach(() => {
  vi.restoreAllMocks();
});

describe('IndexedDB failing: the queue goes on in memory', () => {
  it('works in memory when indexedDB.open throws (blocked storage, some private modes), telling once', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const failures: unknown[] = [];
    const store = createIdbStore({ onFallback: (error) => failures.push(error) });
    await expect(store.push([entry(1), entry(2)])).resolves.toEqual({ dropped: [] });
    expect(ids(await store.peek(10))).toEqual(['m1', 'm2']);
    await store.remove(['m1']);
    expect(ids(await store.peek(10))).toEqual(['m2']);
    expect(failures).toHaveLength(1);
    expect((failures[0] as DOMException).name).toBe('SecurityError');
  });

  it('works in memory when there is no indexedDB at all, keeping its caps', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const store = createIdbStore({ maxEvents: 2 });
    await store.push([entry(1)]);
    const { dropped } = await store.push([entry(2), entry(3)]);
    expect(ids(dropped)).toEqual(['m1']);
    expect(await store.size()).toBe(2);
    await store.clear();
    expect(await store.size()).toBe(0);
  });

  it('keeps the events of a write that failed on quota, and what it held, staying in memory', async () => {
    const failures: unknown[] = [];
    const store = createIdbStore({ onFallback: (error) => failures.push(error) });
    await store.push([entry(1)]);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    await expect(store.push([entry(2)])).resolves.toEqual({ dropped: [] });
    put.mockRestore();
    await store.push([entry(3)]); // memory from here on, though IndexedDB works again
    expect(ids(await store.peek(10))).toEqual(['m1', 'm2', 'm3']);
    expect(failures).toHaveLength(1);
    expect((failures[0] as DOMException).name).toBe('QuotaExceededError');
    // IndexedDB kept what it had: the next page load sends m1 again (at least once).
    expect(ids(await createIdbStore().peek(10))).toEqual(['m1']);
  });
});
