/**
 * Where Debian's Chromium is, for the real-browser tests (playwright-core drives it; no browser
 * is ever downloaded). Missing under CI (`CI` set, not `0`/`false`): throws, so the run fails. Elsewhere: warns loudly
 * and returns undefined, so the caller can `describe.skipIf`.
 */
// biome-ignore lint/correctness/noNodejsModules: test helper runs in Node.
import { existsSync } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Flags for a quiet, sandbox-free headless run that talks to nothing but 127.0.0.1. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (existsSync(path)) return path;
  const message =
    `Chromium not found at ${path}. Install Debian's package (apt-get install -y chromium) ` +
    'or set CHROMIUM_PATH to a Chromium binary.';
  const ci = env.CI?.toLowerCase();
  if (ci && ci !== '0' && ci !== 'false') throw new Error(message);
  console.warn(`\n!!! SKIPPING real-browser tests: ${message}\n`);
  return undefined;
}
