import type { KeyValueStore } from './seams/key-value-store';
import type { QueuedEvent, QueueStore } from './seams/queue-store';

export interface MemoryStoreOptions {
  /** Events held; the oldest are evicted beyond. @default 1_000 */
  maxEvents?: number;
  /** Bytes held (sum of `QueuedEvent.bytes`); the oldest are evicted beyond. @default 5_000_000 */
  maxBytes?: number;
}

/** The default queue: an array, oldest first, capped by events and bytes. Lost when the process ends. */
export function memoryStore({
  maxEvents = 1_000,
  maxBytes = 5_000_000,
}: MemoryStoreOptions = {}): QueueStore {
  let entries: QueuedEvent[] = [];
  let bytes = 0;
  const set = (next: QueuedEvent[]) => {
    entries = next;
    bytes = 0;
    for (const e of next) bytes += e.bytes;
  };
  return {
    // Synchronous bodies: a push is visible to the next peek at once, which unload delivery relies on.
    async push(added) {
      const all = entries.concat(added);
      let over = 0;
      let total = bytes;
      for (const e of added) total += e.bytes;
      while (over < all.length && (all.length - over > maxEvents || total > maxBytes)) {
        total -= all[over++]?.bytes ?? 0;
      }
      set(all.slice(over));
      return { dropped: all.slice(0, over) };
    },
    async peek(limit) {
      return entries.slice(0, limit);
    },
    async update(changed) {
      // Ids no longer held (evicted or purged meanwhile) are ignored, never re-added.
      const byId = new Map(changed.map((e) => [e.id, e]));
      set(entries.map((e) => byId.get(e.id) ?? e));
    },
    async remove(ids) {
      const gone = new Set(ids);
      set(entries.filter((e) => !gone.has(e.id)));
    },
    async size() {
      return entries.length;
    },
    async clear() {
      set([]);
    },
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
