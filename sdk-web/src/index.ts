/**
 * @inlet/sdk-web: the browser tracking SDK. `createInlet({writeKey, endpoint})` for bundlers;
 * `dist/inlet.js` (built from `iife.ts`) for a script tag.
 */
export type {
  CallOptions,
  CoreOptions,
  InletErrorCode,
  Middleware,
  RetryOptions,
  Stats,
  Traits,
  User,
} from '@inlet/sdk-core';
export { InletError, isInletError } from '@inlet/sdk-core';
export type { ClickData } from './autocapture/clicks';
export { IGNORE_ATTRIBUTE } from './autocapture/clicks';
export type { Inlet } from './inlet';
export { createInlet } from './inlet';
export type { AutocaptureOptions, WebOptions } from './options';
