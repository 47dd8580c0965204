import type { SendLock } from '@inlet/sdk-core';

/**
 * One sender per origin through the Web Locks API. The browser releases the lock when its tab
 * dies, so another tab's next try takes over the events left in the shared queue.
 */
export function createWebLock(locks: LockManager, name: string): SendLock {
  return {
    async tryRun<T>(fn: () => Promise<T>) {
      type Outcome = { readonly ran: true; readonly value: T } | { readonly ran: false };
      // The DOM typings do not unwrap an async callback's promise; the API does.
      return (await locks.request(name, { ifAvailable: true }, async (lock): Promise<Outcome> => {
        return lock ? { ran: true, value: await fn() } : { ran: false };
      })) as Outcome;
    },
  };
}
