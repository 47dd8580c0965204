import type { KeyValueStore } from './seams/key-value-store';
import type { QueuedEvent, QueueStore } from './seams/queue-store';

export interface MemoryStoreOptions {
  /** Events held; the oldest are evicted beyond. @default 1_000 */
  maxEvents?: number | undefined;
  /** Bytes held (sum of `QueuedEvent.bytes`); the oldest are evicted beyond. @default 5_000_000 */
  maxBytes?: number | undefined;
}

/**
 * The entries to evict, oldest first, so that what is left fits both caps: `count` entries of
 * `bytes` in all, which `oldest` iterates oldest first (only as far as the evicted ones).
 * Shared by every capped `QueueStore` (memory, IndexedDB, file).
 */
export function overCap<T extends { readonly bytes: number }>(
  oldest: Iterable<T>,
  count: number,
  bytes: number,
  maxEvents: number,
  maxBytes: number,
): T[] {
  const over: T[] = [];
  for (const e of oldest) {
    if (count - over.length <= maxEvents && bytes <= maxBytes) break;
    over.push(e);
    bytes -= e.bytes;
  }
  return over;
}

/** The bytes of `entries` in all. */
export const totalBytes = (entries: readonly { readonly bytes: number }[]) =>
  entries.reduce((n, e) => n + e.bytes, 0);

/**
 * The default queue: an array, oldest first, capped by events and bytes; lost when the process
 * ends. A push costs what it adds and evicts, not a copy of the queue (which cost 17 µs a push into
 * a full queue of 1,000 and 5.1 ms into one of 100,000; `npm run bench -- queue`): evicted entries
 * are only stepped over, and cut off in one copy once they are half the array.
 */
export function memoryStore({
  maxEvents = 1_000,
  maxBytes = 5_000_000,
}: MemoryStoreOptions = {}): QueueStore {
  let entries: QueuedEvent[] = [];
  /** The oldest held entry's index: those before it were evicted. */
  let head = 0;
  let bytes = 0;
  function* held() {
    for (let i = head; i < entries.length; i++) yield entries[i] as QueuedEvent;
  }
  const keep = (list: QueuedEvent[]) => {
    entries = list;
    head = 0;
    bytes = totalBytes(list);
  };
  // Synchronous bodies: a push is visible to the next peek at once, which unload delivery relies on.
  return {
    async push(added) {
      for (const e of added) entries.push(e);
      bytes += totalBytes(added);
      const dropped = overCap(held(), entries.length - head, bytes, maxEvents, maxBytes);
      head += dropped.length;
      bytes -= totalBytes(dropped);
      if (head > entries.length / 2) keep(entries.slice(head));
      return { dropped };
    },
    peek: async (limit) => entries.slice(head, head + limit),
    // Ids no longer held (evicted or purged meanwhile) are ignored, never re-added.
    update: async (changed) => {
      const byId = new Map(changed.map((e) => [e.id, e]));
      keep(entries.slice(head).map((e) => byId.get(e.id) ?? e));
    },
    remove: async (ids) => {
      const gone = new Set(ids);
      keep(entries.slice(head).filter((e) => !gone.has(e.id)));
    },
    size: async () => entries.length - head,
    clear: async () => keep([]),
  };
}

/** A `KeyValueStore` in a Map: the default, and what tests and virtual users use. */
export function memoryKv(initial: Record<string, string> = {}): KeyValueStore {
  const map = new Map(Object.entries(initial));
  return {
    get: (key) => map.get(key),
    set: (key, value) => {
      if (value === undefined) map.delete(key);
      else map.set(key, value);
    },
  };
}
