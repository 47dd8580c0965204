/**
 * The storefront talks to the SDK only through `window.inlet`, as a customer's page does: the
 * snippet's stub (which queues calls) until `/inlet.js` has loaded, the SDK after. This is the part
 * of its API the shop uses; `stats`, `user` and `isOptedOut` exist only once the script has loaded.
 */
import { type Stats, pendingEvents as unsettledEvents } from '@inlet/sdk-core';

export type Properties = Record<string, unknown>;

/**
 * Counters from `inlet.stats()`: sdk-core's, as the loaded script bundles it. Of the SDK only the
 * counters' helpers are bundled here, never its core.
 */
export type InletStats = Stats;

export interface InletApi {
  track(event: string, properties?: Properties): string | undefined;
  page(name?: string, properties?: Properties): string | undefined;
  identify(userId?: string, traits?: Properties): string | undefined;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Properties): string | undefined;
  flush(): Promise<void> | undefined;
  reset(): void;
  optOut(): Promise<void> | undefined;
  optIn(): void;
  isOptedOut?(): boolean;
  stats?(): InletStats;
  user?(): { anonymousId: string; userId?: string | null; traits?: Properties };
  /** Present while only the snippet has run. */
  _q?: unknown;
}

/** A stand-in used when neither the snippet nor the script is on the page (an ad blocker removed both). */
export const absentInlet: InletApi = {
  track: () => undefined,
  page: () => undefined,
  identify: () => undefined,
  log: () => undefined,
  flush: () => undefined,
  reset: () => {},
  optOut: () => undefined,
  optIn: () => {},
};

export function inlet(): InletApi {
  return (globalThis as { inlet?: InletApi }).inlet ?? absentInlet;
}

/** Whether `/inlet.js` has replaced the snippet's stub. */
export const sdkLoaded = (): boolean => {
  const sdk = (globalThis as { inlet?: InletApi }).inlet;
  return sdk !== undefined && !('_q' in sdk) && typeof sdk.stats === 'function';
};

/**
 * Events this page generated that are not settled yet (queued, in flight, waiting to retry). The
 * counters start at zero on every load while the queue outlives the page, so events an earlier
 * page left behind are acknowledged here without having been generated here: hence the floor.
 */
export function pendingEvents(stats: InletStats): number {
  return Math.max(0, unsettledEvents(stats));
}
