/** Shared setup of the child-gateway integration tests: a fresh data dir per test and the common flags. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { TEST_KEY } from './testing/integration';

/** A temp data dir made before and removed after each test; read it with the returned getter. */
export function useTempDataDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    if (!dir) throw new Error('the data dir exists only inside a test');
    return dir;
  };
}

/** Flags for a gateway on a free port with `dir` as its data dir and the test write key. */
export const gatewayArgs = (dir: string, extra: readonly string[]): string[] => [
  '--port',
  '0',
  '--data-dir',
  dir,
  '--write-key',
  TEST_KEY,
  ...extra,
];
