/**
 * Lets one sender at a time drain a shared queue: Web Locks or a lease across browser tabs, a
 * no-op where the queue is not shared. Non-blocking: a sender that cannot get it leaves the
 * work to the holder.
 */
export interface SendLock {
  tryRun<T>(
    fn: () => Promise<T>,
  ): Promise<{ readonly ran: true; readonly value: T } | { readonly ran: false }>;
}
