import type { KeyValueStore } from './seams/key-value-store';

/**
 * The session id (kept in `kv` under `session`) (the time it started, in ms, like Amplitude's) rotated after `timeout` ms
 * without events. Persisted as `id.lastActivity`; the last activity is only rewritten once it
 * moved by a thirtieth of the timeout (1 min by default), so capture does not write storage each time.
 */
export function createSession(kv: KeyValueStore, timeout: number) {
  const [storedId = 0, storedLast = 0] = (kv.get('session') ?? '').split('.').map(Number);
  let id = storedId || 0;
  let last = storedLast || 0;
  let saved = last;
  return {
    /** The session id at `now` (undefined when sessions are off); counts as activity. */
    touch(now: number): number | undefined {
      if (!timeout) return undefined;
      if (!id || now - last > timeout) {
        id = now;
        saved = 0;
      }
      last = now;
      if (now - saved >= timeout / 30) {
        saved = now;
        kv.set('session', `${id}.${now}`);
      }
      return id;
    },
    /** The next event starts a new session. */
    reset(): void {
      id = 0;
      kv.set('session', undefined);
    },
  };
}
