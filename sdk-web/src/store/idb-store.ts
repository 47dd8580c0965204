import {
  eventJson,
  overCap,
  type PushResult,
  type QueuedEvent,
  type QueueStore,
  totalBytes,
} from '@inlet/sdk-core';
import { createStore, promisifyRequest } from 'idb-keyval';

export interface IdbStoreOptions {
  /** IndexedDB database name; one object store `queue` inside. Default `'inlet'`. */
  readonly dbName?: string;
  /** Oldest events are dropped above this many. Default 1,000. */
  readonly maxEvents?: number | undefined;
  /** Oldest events are dropped above this many bytes of event JSON. Default 5 MB. */
  readonly maxBytes?: number | undefined;
  /** Told once when IndexedDB fails (missing, blocked, quota): the queue is in memory from then on. */
  readonly onFallback?: (error: unknown) => void;
  /** Never opens IndexedDB: the queue lives in memory only (`persistence: 'memory'`). Default false. */
  readonly memory?: boolean;
}

/** A record's key: its first event's `enqueuedAt` (oldest first), this tab's `seq`, that event's id (unique across tabs). */
type Key = [enqueuedAt: number, seq: number, id: string];
/** What the calls written by one transaction share. */
interface Txn {
  /** Records changed: written at the end, or deleted when empty. */
  readonly changed: Set<Key>;
  /** The record the pushes add events to, while it has room. */
  open?: QueuedEvent[] | undefined;
  /** The first push's `dropped`: it reports every eviction of the transaction, so each is counted once. */
  dropped?: QueuedEvent[];
}
/** One call's change to the mirror, made inside a write transaction. */
type Job = (t: Txn) => unknown;

/** A call waiting for its transaction: its change, and how to resolve its promise (it never rejects). */
type Waiting = [job: Job, done: (result: never) => void];

/** Events per record: few records to write, little to rewrite when the oldest are evicted or sent. */
const RECORD_EVENTS = 100;
/** The key of the generation counter; record keys are arrays, which sort after every number. */
const GENERATION = 0;

let seq = 0;

/**
 * An entry's JSON, with the event's JSON as the core made it. Records are stored as JSON strings:
 * IndexedDB copies a string far faster than it clones the objects.
 */
const entryJson = (e: QueuedEvent) =>
  `${JSON.stringify({ ...e, event: undefined }).slice(0, -1)},"event":${eventJson(e.event)}}`;

/**
 * The browser's `QueueStore`: records of up to 100 events in IndexedDB, shared by every tab of the
 * origin. IndexedDB's cost on the main thread is per request, so one transaction carries every
 * call made while the previous one ran (reads too), and the events they add share records.
 *
 * Reads come from a mirror of the whole queue in memory, so sending never deserializes events.
 * Every transaction first reads a generation counter that every write increments: when another
 * tab wrote since (or at open), the mirror is read again from IndexedDB. So reads are exact
 * across tabs, and a call sees the calls made before it. A peek lists events only once a
 * committed transaction wrote them.
 *
 * When IndexedDB fails (missing, blocked storage, quota), the mirror becomes the queue for the
 * rest of the page's life, without breaking it: the call whose write failed keeps its changes,
 * and the events the mirror held are sent from memory (those IndexedDB still holds go again on
 * the next visit: at least once).
 */
export function createIdbStore({
  dbName = 'inlet',
  maxEvents = 1_000,
  maxBytes = 5_000_000,
  onFallback = () => {},
  memory = false,
}: IdbStoreOptions = {}): QueueStore {
  const store = createStore(dbName, 'queue');
  // Async: opening the database can throw at once (storage blocked), and that must reject.
  const run = async <T>(mode: IDBTransactionMode, fn: (os: IDBObjectStore) => Promise<T>) =>
    store(mode, (os) =>
      Promise.all([fn(os), promisifyRequest(os.transaction as unknown as IDBRequest)]).then(([v]) => v),
    );

  /** The queue as of `generation`: records oldest first (as read, then as added). */
  let mirror = new Map<Key, QueuedEvent[]>();
  /** Never a stored value (those count up from 1, or are missing): the first transaction reads the queue. */
  let generation: number | undefined = -1;
  let writing = 0;
  /**
   * Where the queue lives: false, in IndexedDB (read through the mirror); true, in the mirror alone,
   * when `memory` asked for it or from IndexedDB's first failure on (the option stays as given).
   */
  let memoryOnly = memory;
  const waiting: Waiting[] = [];
  const list = () => [...mirror.values()].flat();

  const sync = async (os: IDBObjectStore) => {
    const now = await promisifyRequest<number | undefined>(os.get(GENERATION));
    if (now === generation) return;
    const records = IDBKeyRange.lowerBound([]);
    const [keys, values] = await Promise.all([
      promisifyRequest(os.getAllKeys(records)),
      promisifyRequest(os.getAll(records)),
    ]);
    mirror = new Map(keys.map((key, i) => [key as Key, JSON.parse(values[i])]));
    generation = now;
  };

  /**
   * Runs the calls' changes on the mirror, then the cap (the oldest go, stored ones first), and
   * forgets the records left empty.
   */
  const apply = (batch: Waiting[]) => {
    const t: Txn = { changed: new Set() };
    const results = batch.map(([job]) => job(t));
    if (t.dropped) {
      const all = list();
      const gone = overCap(all, all.length, totalBytes(all), maxEvents, maxBytes);
      t.dropped.push(...gone);
      let over = gone.length;
      for (const [key, events] of mirror) {
        if (over <= 0) break;
        over -= events.splice(0, over).length;
        t.changed.add(key);
      }
    }
    for (const key of t.changed) if (!mirror.get(key)?.[0]) mirror.delete(key);
    return [t, results] as const;
  };

  const write = (batch: Waiting[]) => {
    writing++;
    let applied: unknown[] | undefined;
    (memoryOnly
      ? Promise.reject()
      : run('readwrite', async (os) => {
          await sync(os);
          const [t, results] = apply(batch);
          applied = results;
          for (const key of t.changed) {
            const events = mirror.get(key);
            if (events) os.put(`[${events.map(entryJson).join()}]`, key);
            else os.delete(key);
          }
          // Only writes count: a transaction that only read leaves the other tabs' copies valid.
          if (t.changed.size) {
            generation = (generation || 0) + 1;
            os.put(generation, GENERATION);
          }
          return results;
        })
    )
      .catch((error: unknown) => {
        if (!memoryOnly) {
          memoryOnly = true;
          onFallback(error);
        }
        // The mirror is the queue now; what a failed transaction changed in it stands.
        return applied ?? apply(batch)[1];
      })
      .then((results) => {
        batch.forEach(([, done], i) => {
          done(results[i] as never);
        });
      })
      .finally(() => --writing || next());
  };
  /**
   * Starts the waiting calls' transaction. Not later to gather more: a push must reach IndexedDB
   * while the page lives (a tab closed offline, a reload), so only the calls made while the
   * previous transaction ran share one.
   */
  const next = () => waiting[0] && write(waiting.splice(0));
  /** Queues a change for the next write transaction. */
  const change = <T>(job: (t: Txn) => T) =>
    new Promise<T>((done) => {
      waiting.push([job, done]);
      if (!writing) next();
    });
  /** Maps every held event through `fn` (undefined removes it), in place. */
  const edit = (t: Txn, fn: (e: QueuedEvent) => QueuedEvent | undefined) => {
    for (const [key, events] of mirror) {
      for (let i = events.length; i--; ) {
        const after = fn(events[i] as QueuedEvent);
        if (after !== events[i]) {
          if (after) events[i] = after;
          else events.splice(i, 1);
          t.changed.add(key);
        }
      }
    }
  };

  return {
    push: (entries) =>
      change((t): PushResult => {
        for (const e of entries) {
          if (!t.open || t.open.length >= RECORD_EVENTS) {
            const key: Key = [e.enqueuedAt, seq++, e.id];
            t.open = [];
            mirror.set(key, t.open);
            t.changed.add(key);
          }
          t.open.push(e);
        }
        const dropped: QueuedEvent[] = [];
        t.dropped ??= dropped;
        return { dropped };
      }),
    // Reads share the writes' transactions: they see every call made before them, committed.
    peek: (limit) => change(() => list().slice(0, limit)),
    update: (entries) => {
      const byId = new Map(entries.map((e) => [e.id, e]));
      // Ids no longer held are not added back: an event another tab evicted stays gone.
      return change((t) => edit(t, (e) => byId.get(e.id) ?? e));
    },
    remove: (ids) => {
      const gone = new Set(ids);
      return change((t) => edit(t, (e) => (gone.has(e.id) ? undefined : e)));
    },
    size: () => change(() => list().length),
    // Not IDBObjectStore.clear(): that would reset the generation, and a tab could take the
    // new count for the one it last saw.
    clear: () => change((t) => edit(t, () => undefined)),
  };
}
