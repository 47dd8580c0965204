import type { KeyValueStore } from './seams/key-value-store';
import type { QueuedEvent, QueueStore } from './seams/queue-store';

export interface MemoryStoreOptions {
  /** Events held; the oldest are evicted beyond. @default 1_000 */
  maxEvents?: number | undefined;
  /** Bytes held (sum of `QueuedEvent.bytes`); the oldest are evicted beyond. @default 5_000_000 */
  maxBytes?: number | undefined;
}

/**
 * How many entries to evict, oldest first, so that what is left fits both caps. `sizes` are the
 * entries' bytes, oldest first. Shared by every capped `QueueStore` (memory, IndexedDB, file).
 */
export function overCap(sizes: readonly number[], maxEvents: number, maxBytes: number): number {
  let total = 0;
  for (const size of sizes) total += size;
  let over = 0;
  while (over < sizes.length && (sizes.length - over > maxEvents || total > maxBytes))
    total -= sizes[over++] ?? 0;
  return over;
}

/** The default queue: an array, oldest first, capped by events and bytes. Lost when the process ends. */
export function memoryStore({
  maxEvents = 1_000,
  maxBytes = 5_000_000,
}: MemoryStoreOptions = {}): QueueStore {
  let entries: QueuedEvent[] = [];
  // Synchronous bodies: a push is visible to the next peek at once, which unload delivery relies on.
  return {
    async push(added) {
      const all = entries.concat(added);
      const over = overCap(
        all.map((e) => e.bytes),
        maxEvents,
        maxBytes,
      );
      entries = all.slice(over);
      return { dropped: all.slice(0, over) };
    },
    peek: async (limit) => entries.slice(0, limit),
    // Ids no longer held (evicted or purged meanwhile) are ignored, never re-added.
    update: async (changed) => {
      const byId = new Map(changed.map((e) => [e.id, e]));
      entries = entries.map((e) => byId.get(e.id) ?? e);
    },
    remove: async (ids) => {
      const gone = new Set(ids);
      entries = entries.filter((e) => !gone.has(e.id));
    },
    size: async () => entries.length,
    clear: async () => {
      entries = [];
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
