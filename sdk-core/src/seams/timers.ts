/**
 * Timers through the platform so Node can `unref()` them (a pending flush never keeps a process
 * alive) and tests can fake them. `globalThis` fits as it is.
 */
export interface Timers {
  /**
   * `awaited` is true when a caller waits on this timer (`close()`): a Node platform must then
   * keep it ref'd, or the process could exit before the promise settles.
   */
  setTimeout(fn: () => void, ms: number, awaited?: boolean): unknown;
  clearTimeout(handle: unknown): void;
}
