import type { PushResult, QueuedEvent, QueueStore } from '@inlet/sdk-core';
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
 * The key sorts oldest first and carries id and size, so caps and removals read keys only,
 * never events. `seq` keeps this tab's order within one millisecond.
 */
type QueueKey = [enqueuedAt: number, seq: number, id: string, bytes: number];

interface Waiting {
  readonly entries: readonly QueuedEvent[];
  readonly done: (result: PushResult) => void;
  readonly fail: (error: unknown) => void;
}

let seq = 0;

/**
 * The browser's `QueueStore`: one IndexedDB record per event, shared by every tab of the origin.
 *
 * Cheap on the main thread: every key is mirrored in memory (id → key, with a byte total), so the
 * cap needs no read below it and removals delete by key. Each write transaction first compares
 * `count()` with the mirror and re-reads the keys when another tab changed it (or at open); ids
 * the mirror lacks are looked up once more the same way. Across tabs the byte cap is therefore
 * approximate: a tab that evicted as many events as it added leaves the count, not the bytes, as
 * they were. Pushes made while one is being written go out together in the next transaction,
 * each resolving when it completes; any other call writes them first, so it sees them. Any
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
  const allKeys = (os: IDBObjectStore, from?: QueueKey, count?: number) =>
    promisifyRequest(os.getAllKeys(from && IDBKeyRange.lowerBound(from, true), count)) as unknown as Promise<
      QueueKey[]
    >;

  let keys = new Map<string, QueueKey>();
  let bytes = 0;
  /** Push transactions in flight, and the pushes waiting for them to end. */
  let writing = 0;
  const waiting: Waiting[] = [];

  const forget = (id: string) => {
    bytes -= keys.get(id)?.[3] ?? 0;
    keys.delete(id);
  };
  /** Re-reads every key if `all` or another tab changed the count since our last transaction. */
  const sync = async (os: IDBObjectStore, all?: unknown) => {
    if (!all && (await promisifyRequest(os.count())) === keys.size) return;
    keys = new Map();
    bytes = 0;
    for (const key of await allKeys(os)) {
      keys.set(key[2], key);
      bytes += key[3];
    }
  };
  /** Syncs, then once more from the keys if an id is missing (another tab kept the count). */
  const find = async (os: IDBObjectStore, ids: readonly string[]) => {
    await sync(os);
    if (ids.some((id) => !keys.has(id))) await sync(os, 1);
  };

  const write = (batch: Waiting[]) => {
    writing++;
    run('readwrite', async (os) => {
      await sync(os);
      const added = batch.flatMap((w) => w.entries);
      let n = keys.size + added.length - maxEvents;
      let b = bytes - maxBytes;
      for (const e of added) b += e.bytes;
      // Over the cap: the oldest stored keys go first (their values are read, to report them),
      // then the oldest of `added`, which are never written.
      let last: QueueKey | undefined;
      let cut = 0;
      while (n > 0 || b > 0) {
        const more = await allKeys(os, last, Math.max(n, 16));
        for (const key of more) {
          if (n <= 0 && b <= 0) break;
          last = key;
          cut++;
          n--;
          b -= key[3];
          forget(key[2]);
        }
        if (!more[0]) break;
      }
      let skip = 0;
      while ((n > 0 || b > 0) && skip < added.length) {
        n--;
        b -= added[skip++]?.bytes ?? 0;
      }
      const gone = added.slice(0, skip);
      const dropped = last && os.getAll(null, cut);
      if (last) os.delete(IDBKeyRange.upperBound(last));
      for (const e of added.slice(skip)) {
        const key: QueueKey = [e.enqueuedAt, seq++, e.id, e.bytes];
        try {
          os.put(e, key);
        } catch {
          // Not structured-cloneable (a DOM node or a function in properties): store what JSON sends.
          os.put({ ...e, event: JSON.parse(JSON.stringify(e.event)) }, key);
        }
        forget(e.id);
        keys.set(e.id, key);
        bytes += e.bytes;
      }
      return dropped ? [...((await promisifyRequest(dropped)) as QueuedEvent[]), ...gone] : gone;
    })
      .then(
        // The first push of the batch reports every eviction: each is counted once.
        (dropped) => {
          for (const [i, w] of batch.entries()) w.done({ dropped: i ? [] : dropped });
        },
        (error: unknown) => {
          for (const w of batch) w.fail(error);
        },
      )
      .finally(() => --writing || flush());
  };
  /** Starts the waiting pushes' transaction. */
  const flush = () => {
    if (waiting[0]) write(waiting.splice(0));
  };
  /** Any other call runs after the pushes made before it. */
  const then = <T>(mode: IDBTransactionMode, fn: (os: IDBObjectStore) => Promise<T> | undefined) => {
    flush();
    return run(mode, fn);
  };

  return {
    push: (entries) =>
      new Promise((done, fail) => {
        waiting.push({ entries, done, fail });
        if (!writing) flush();
      }),
    peek: (limit) =>
      then('readonly', (os) => promisifyRequest(os.getAll(null, limit)) as Promise<QueuedEvent[]>),
    update: (entries) =>
      then('readwrite', async (os) => {
        // Always from the keys: an entry another tab evicted must not come back.
        await sync(os, 1);
        for (const e of entries) {
          const key = keys.get(e.id);
          if (key) os.put(e, key);
        }
      }),
    remove: (ids) =>
      then('readwrite', async (os) => {
        await find(os, ids);
        for (const id of ids) {
          const key = keys.get(id);
          if (key) os.delete(key);
          forget(id);
        }
      }),
    size: () => then('readonly', (os) => promisifyRequest(os.count())),
    clear: () =>
      then('readwrite', async (os) => {
        await promisifyRequest(os.clear());
        keys = new Map();
        bytes = 0;
      }),
  };
}
