import 'fake-indexeddb/auto';
import type { QueuedEvent, QueueStore } from '@inlet/sdk-core';
import { memoryStore } from '@inlet/sdk-core';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFallbackStore } from './fallback-store';
import { createIdbStore } from './idb-store';

const entry = (n: number): QueuedEvent => ({
  id: `m${n}`,
  event: { type: 'track', event: `e${n}`, messageId: `m${n}`, anonymousId: 'a1' },
  bytes: 50,
  enqueuedAt: n,
  attempts: 0,
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fallback to memory', () => {
  it('uses memory when indexedDB itself throws (blocked storage, some private modes)', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const failures: unknown[] = [];
    const store = createFallbackStore(createIdbStore, memoryStore, (error) => failures.push(error));
    await expect(store.push([entry(1), entry(2)])).resolves.toEqual({ dropped: [] });
    expect((await store.peek(10)).map((e) => e.id)).toEqual(['m1', 'm2']);
    expect(failures).toHaveLength(1);
    expect((failures[0] as DOMException).name).toBe('SecurityError');
  });

  it('uses memory when there is no indexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const store = createFallbackStore(createIdbStore, memoryStore, () => {});
    await store.push([entry(1)]);
    expect(await store.size()).toBe(1);
  });

  it('keeps the events of a write that failed on quota, and stays on memory afterwards', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const idb = createIdbStore();
    let full = false;
    const flaky: QueueStore = {
      ...idb,
      push: (entries) =>
        full ? Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')) : idb.push(entries),
    };
    const store = createFallbackStore(
      () => flaky,
      memoryStore,
      () => {},
    );
    await store.push([entry(1)]);
    expect(await store.size()).toBe(1); // still IndexedDB
    full = true;
    await store.push([entry(2)]);
    full = false;
    // Memory from here on: it holds the event whose write failed.
    expect((await store.peek(10)).map((e) => e.id)).toEqual(['m2']);
    expect(await idb.size()).toBe(1);
  });
});
