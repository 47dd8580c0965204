import type { QueueStore } from '@inlet/sdk-core';

/**
 * `primary` until its first failure (IndexedDB missing, private mode, quota exceeded), then
 * `fallback` for the rest of the page's life: the page keeps working and a failed call is
 * replayed on the fallback, so the events it carried are not lost. Events already written to
 * the primary stay there for the next page load.
 */
export function createFallbackStore(
  primary: (() => QueueStore) | undefined,
  fallback: () => QueueStore,
  onFallback: (error: unknown) => void,
): QueueStore {
  let make = primary;
  let store: QueueStore | undefined;
  let backup: QueueStore | undefined;
  const run =
    <A extends unknown[], T>(call: (s: QueueStore, ...args: A) => Promise<T>) =>
    async (...args: A): Promise<T> => {
      if (make) {
        try {
          // Made on first use, so a throwing constructor falls back too. The call starts in this
          // turn: a push issued before a peek is seen by it.
          store ??= make();
          return await call(store, ...args);
        } catch (error) {
          make = undefined;
          if (!backup) onFallback(error);
        }
      }
      backup ??= fallback();
      return call(backup, ...args);
    };
  return {
    push: run((s, entries) => s.push(entries)),
    peek: run((s, limit: number) => s.peek(limit)),
    update: run((s, entries) => s.update(entries)),
    remove: run((s, ids) => s.remove(ids)),
    size: run((s) => s.size()),
    clear: run((s) => s.clear()),
  };
}
