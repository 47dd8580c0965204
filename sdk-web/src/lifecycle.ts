import type { Core } from '@inlet/sdk-core';

/**
 * Unload delivery and network awareness, until `signal` aborts. `visibilitychange`→hidden is
 * the last event iOS Safari reliably fires before it may kill a page, and `pagehide` covers
 * navigations; both flush what is queued as keepalive requests, whose events stay queued until
 * the gateway's answer is read (a later visit sends them again if it never is). Offline, sending
 * pauses (events keep queueing); back online it resumes at once, without waiting out the backoffs
 * the outage caused.
 */
export function watchLifecycle(core: Pick<Core, 'flush' | 'pause' | 'resume'>, signal: AbortSignal): void {
  const unload = () => void core.flush({ unloading: true });
  if (!navigator.onLine) core.pause();
  document.addEventListener('visibilitychange', () => document.hidden && unload(), { signal });
  addEventListener('pagehide', unload, { signal });
  addEventListener('offline', () => core.pause(), { signal });
  addEventListener('online', () => void core.resume(), { signal });
}
