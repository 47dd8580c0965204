import { type Core, createCore, InletError } from '@inlet/sdk-core';
import { version } from '../package.json';
import { captureClicks } from './autocapture/clicks';
import { captureErrors } from './autocapture/errors';
import { capturePageViews } from './autocapture/page-views';
import { contextSource, pageInfo } from './context';
import { watchLifecycle } from './lifecycle';
import { createSendLock } from './lock';
import { resolveAutocapture, type WebOptions } from './options';
import { createIdbStore } from './store/idb-store';
import { localKv } from './store/local-kv';
import { createFetchTransport } from './transport/fetch-transport';

/** The browser API: the core's tracking methods, and `close()` to take the SDK off the page. */
export interface Inlet
  extends Pick<
    Core,
    | 'track'
    | 'screen'
    | 'identify'
    | 'group'
    | 'alias'
    | 'log'
    | 'flush'
    | 'reset'
    | 'optOut'
    | 'optIn'
    | 'isOptedOut'
    | 'use'
    | 'user'
    | 'stats'
  > {
  /** A page view; its properties default to the current page's path, referrer, search, title and url. */
  page: Core['page'];
  /** Removes every listener and stops the timers; resolves with the events still queued. */
  close(timeoutMs?: number): Promise<number>;
}

export const LIBRARY = { name: '@inlet/sdk-web', version } as const;

/**
 * Builds the SDK without starting autocapture, so the script tag can replay the snippet's calls
 * (an `identify` before the first page view, say) before `start()` captures the first page.
 */
export function createInletInstance(options: WebOptions): { inlet: Inlet; start: () => void } {
  const name = options.name ?? 'inlet';
  const lock = createSendLock(`${name}:send`);
  const core = createCore(options, {
    transport: createFetchTransport({ endpoint: options.endpoint ?? '', writeKey: options.writeKey }),
    // The core gives its resolved caps. `persistence: 'memory'` is the same queue without IndexedDB.
    store: (caps) =>
      createIdbStore({
        dbName: name,
        ...caps,
        memory: options.persistence === 'memory',
        onFallback: (error) =>
          options.onError?.(new InletError('store', 'IndexedDB failed: queue in memory', error)),
      }),
    ...(lock ? { lock } : {}),
    kv: localKv(`${name}.`),
    context: contextSource(),
    library: LIBRARY,
  });
  const auto = resolveAutocapture(options.autocapture);
  const off = new AbortController();
  const { signal } = off;

  const page: Core['page'] = (pageName, properties, call) =>
    core.page(pageName, { ...pageInfo(), ...properties }, call);
  // The core's methods as they are (they close over their state, no `this`); a few extra
  // (capture, click, pause, resume) stay reachable at run time but are not part of the type.
  const inlet: Inlet = {
    ...core,
    page,
    close(timeoutMs) {
      off.abort();
      return core.close(timeoutMs);
    },
  };
  const start = () => {
    watchLifecycle(core, signal);
    if (auto.pageViews) capturePageViews(() => page(), signal);
    if (auto.clicks) captureClicks((click) => core.capture({ type: 'click', ...click }), signal);
    if (auto.errors) captureErrors((log) => core.capture({ type: 'log', level: 'error', ...log }), signal);
  };
  return { inlet, start };
}

/** The SDK on this page, autocapture running. */
export function createInlet(options: WebOptions): Inlet {
  const { inlet, start } = createInletInstance(options);
  start();
  return inlet;
}
