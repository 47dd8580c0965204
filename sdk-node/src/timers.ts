import type { Timers } from '@inlet/sdk-core';

/**
 * Node timers for the core: `unref()`'d, so a pending flush or backoff never keeps the process
 * alive, except the ones a caller awaits (`close()`), which must hold the process until they fire.
 */
export const nodeTimers: Timers = {
  setTimeout(fn, ms, awaited) {
    const timer = setTimeout(fn, ms);
    if (!awaited) timer.unref();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
