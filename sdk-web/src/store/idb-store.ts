import { overCap, type QueuedEvent, type QueueStore } from '@inlet/sdk-core';
import { createStore, promisifyRequest } from 'idb-keyval';

export interface IdbStoreOptions {
  /** IndexedDB database name; one object store `queue` inside. Default `'inlet'`. */
  readonly dbName?: string;
  /** Oldest events are dropped above this many. Default 1,000. */
  readonly maxEvents?: number | undefined;
  /** Oldest events are dropped above this many bytes of event JSON. Default 5 MB. */
  readonly maxBytes?: number | undefined;
}

/**
 * The key sorts oldest first and carries id and size, so caps and removals read keys only
 * (`getAllKeys`), never events. `seq` keeps this tab's order within one millisecond.
 */
type QueueKey = [enqueuedAt: number, seq: number, id: string, bytes: number];

let seq = 0;

/**
 * The browser's `QueueStore`: one IndexedDB record per event, shared by every tab of the origin.
 * A push appends (the core makes one push per burst of events); nothing rewrites the queue.
 * Transactions run in the order they are started, so a peek sees every push before it. Any
 * IndexedDB failure rejects: `createFallbackStore` turns that into memory.
 */
export function createIdbStore({
  dbName = 'inlet',
  maxEvents = 1_000,
  maxBytes = 5_000_000,
}: IdbStoreOptions = {}): QueueStore {
  const store = createStore(dbName, 'queue');
  const run = <T>(mode: IDBTransactionMode, fn: (os: IDBObjectStore) => Promise<T> | undefined) =>
    store(mode, (os) =>
      Promise.all([fn(os), promisifyRequest(os.transaction as unknown as IDBRequest)]).then(([v]) => v as T),
    );
  const allKeys = (os: IDBObjectStore) => promisifyRequest(os.getAllKeys()) as unknown as Promise<QueueKey[]>;

  /** Calls `each` with the key of every queued event whose id is in `ids`. */
  const forIds = async (os: IDBObjectStore, ids: readonly string[], each: (key: QueueKey) => void) => {
    const wanted = new Set(ids);
    for (const key of await allKeys(os)) if (wanted.has(key[2])) each(key);
  };

  return {
    push: (entries) =>
      run('readwrite', async (os) => {
        for (const e of entries) {
          const key: QueueKey = [e.enqueuedAt, seq++, e.id, e.bytes];
          try {
            os.put(e, key);
          } catch {
            // Not structured-cloneable (a DOM node or a function in properties): store what JSON sends.
            os.put({ ...e, event: JSON.parse(JSON.stringify(e.event)) }, key);
          }
        }
        const keys = await allKeys(os);
        const cut = overCap(
          keys.map((key) => key[3]),
          maxEvents,
          maxBytes,
        );
        const last = keys[cut - 1];
        if (!last) return { dropped: [] };
        const dropped = os.getAll(null, cut);
        os.delete(IDBKeyRange.upperBound(last));
        return { dropped: (await promisifyRequest(dropped)) as QueuedEvent[] };
      }),
    peek: (limit) =>
      run('readonly', (os) => promisifyRequest(os.getAll(null, limit)) as Promise<QueuedEvent[]>),
    update: (entries) =>
      run('readwrite', (os) => {
        const byId = new Map(entries.map((e) => [e.id, e]));
        // Only entries still queued: another tab may have sent and removed one meanwhile.
        return forIds(os, [...byId.keys()], (key) => os.put(byId.get(key[2]), key));
      }),
    remove: (ids) => run('readwrite', (os) => forIds(os, ids, (key) => os.delete(key))),
    size: () => run('readonly', (os) => promisifyRequest(os.count())),
    clear: () =>
      run('readwrite', (os) => {
        os.clear();
        return undefined;
      }),
  };
}
