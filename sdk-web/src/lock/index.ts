import type { SendLock } from '@inlet/sdk-core';
import { createLeaseLock } from './lease-lock';
import { createWebLock } from './web-lock';

/**
 * Web Locks where the browser has them, else a localStorage lease. Undefined when neither works
 * (storage blocked): the core then sends alone, one request at a time, without cross-tab safety.
 */
export function createSendLock(name: string): SendLock | undefined {
  if (navigator.locks) return createWebLock(navigator.locks, name);
  try {
    localStorage.setItem(name, '');
    return createLeaseLock({ key: name, storage: localStorage });
  } catch {
    return undefined;
  }
}

export type { LeaseLockOptions } from './lease-lock';
export { createLeaseLock } from './lease-lock';
export { createWebLock } from './web-lock';
