/**
 * Small synchronous persistence for identity, session and consent: localStorage (or cookies) in
 * the browser, a file or memory in Node. The core reads each key once at start, keeps values in
 * memory and writes only when a value changed, so a slow store costs little.
 */
export interface KeyValueStore {
  get(key: string): string | undefined;
  /** `undefined` removes the key. Must not throw (a full or blocked storage is ignored). */
  set(key: string, value: string | undefined): void;
}
