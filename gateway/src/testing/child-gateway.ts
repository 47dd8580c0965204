/**
 * Runs `inlet-gateway` as a child process (the real bin), for tests that kill it, with the set-up
 * those tests share: a fresh data dir per test and the common flags.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import { TEST_KEY } from './ingest-load';

export const GATEWAY_BIN = fileURLToPath(new URL('../../bin/inlet-gateway.mjs', import.meta.url));

export interface ChildGateway {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the child wrote, for failure messages. */
  output(): string;
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/**
 * Starts the bin with `args` (add `--port 0`) and waits for its "listening" log line (with `--workers`,
 * for the primary's "all gateway workers listening" too, so connections spread over every worker).
 */
export async function spawnGateway(args: readonly string[], timeoutMs = 30_000): Promise<ChildGateway> {
  const clustered = args.includes('--workers');
  const child = spawn(process.execPath, [GATEWAY_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = once(child, 'exit').then(([code, signal]) => (signal ?? code) as number | NodeJS.Signals);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the gateway did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"inlet-gateway listening"/.exec(output);
      if (match?.[1] && (!clustered || output.includes('"msg":"all gateway workers listening"'))) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited (${how}) before listening:\n${output}`));
    });
  });
  return { child, url, exited, output: () => output };
}

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
