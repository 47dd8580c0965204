import type { KeyValueStore } from '@inlet/sdk-core';

/**
 * Identity, session and consent in localStorage under `prefix`. The core reads each key once
 * and writes only on change, so this costs nothing per event (cookies, the anchors' main cost,
 * are never touched). Blocked or full storage is ignored: the core keeps its values in memory.
 */
export function localKv(prefix: string): KeyValueStore {
  return {
    get(key) {
      try {
        return localStorage.getItem(prefix + key) ?? undefined;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      try {
        if (value === undefined) localStorage.removeItem(prefix + key);
        else localStorage.setItem(prefix + key, value);
      } catch {
        // Full or blocked storage.
      }
    },
  };
}
