import type { CoreOptions } from '@inlet/sdk-core';

export interface AutocaptureOptions {
  /** A `page` event on load and on every SPA navigation (History API, back/forward). @default true */
  pageViews?: boolean;
  /** A `click` event for every click (element, selector, text, href, coordinates). @default true */
  clicks?: boolean;
  /** A `log` event (level `error`) for uncaught errors and unhandled rejections. @default true */
  errors?: boolean;
}

/** Options of `createInlet`: the core's (batching, retry, queue caps…) plus the browser's own. */
export interface WebOptions extends CoreOptions {
  /** The gateway's base URL; events go to `${endpoint}/v1/batch`. @default '' (this page's origin) */
  endpoint?: string;
  /** `false` turns all autocapture off; an object switches each kind. @default all on */
  autocapture?: boolean | AutocaptureOptions;
  /** Where the queue lives: IndexedDB (survives reloads and crashes) or memory. @default 'indexeddb' */
  persistence?: 'indexeddb' | 'memory';
  /** Names the IndexedDB database, the send lock and the localStorage keys. @default 'inlet' */
  name?: string;
}

export interface ResolvedAutocapture {
  readonly pageViews: boolean;
  readonly clicks: boolean;
  readonly errors: boolean;
}

/** The browser's options resolved once; the core resolves (and checks) its own. */
export function resolveAutocapture(option: WebOptions['autocapture']): ResolvedAutocapture {
  const on = option !== false;
  const each = typeof option === 'object' ? option : {};
  return {
    pageViews: on && each.pageViews !== false,
    clicks: on && each.clicks !== false,
    errors: on && each.errors !== false,
  };
}
