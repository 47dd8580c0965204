import { hostname } from 'node:os';
import type { Context } from '@inlet/sdk-core';

/** Kept equal to package.json's version by a test. */
export const SDK_VERSION = '0.1.0';
export const LIBRARY = { name: '@inlet/sdk-node', version: SDK_VERSION } as const;

/**
 * What a server adds to each event's context: the host and the Node version. Device, os and page
 * are the end user's, which a server-side call passes itself (`call.context`).
 */
export function serverContext(): Context {
  return { host: { name: hostname() }, runtime: { name: 'node', version: process.versions.node } };
}
