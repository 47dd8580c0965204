import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { SDK_VERSION } from './context';
import { createInlet } from './create-inlet';
import { type LocalServer, startLocalServer } from './testing/local-server';

const CHILD = fileURLToPath(new URL('./testing/exit-child.ts', import.meta.url));

async function runChild(endpoint: string, mode: string, signal?: NodeJS.Signals) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, endpoint, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  await once(child.stdout, 'data');
  if (signal) child.kill(signal);
  const [code, how] = await exited;
  return how ?? code;
}

describe('createInlet', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer();
  });
  afterAll(() => server.close());
  const received = (mode: string) =>
    server.requests
      .flatMap((r) => r.json.batch)
      .filter((e) => (e.properties as { mode?: string })?.mode === mode);

  it('sends with server context, and closeAndFlush empties the queue', async () => {
    const inlet = createInlet({ writeKey: 'wk_test_123', endpoint: server.url, flushOnExit: false });
    const id = inlet.track('Order Completed', { mode: 'in-process' }, { userId: 'u1' });
    expect(await inlet.closeAndFlush({ timeout: 5_000 })).toBe(0);
    const [event] = received('in-process');
    expect(event).toMatchObject({
      messageId: id,
      userId: 'u1',
      context: {
        library: { name: '@inlet/sdk-node', version: SDK_VERSION },
        host: { name: hostname() },
        runtime: { name: 'node', version: process.versions.node },
      },
    });
    expect(event?.context).not.toHaveProperty('sessionId');
    expect(inlet.stats()).toMatchObject({ generated: 1, acknowledged: 1 });
    expect(SDK_VERSION).toBe(packageJson.version);
  });

  it('flushes on beforeExit: a script that just ends still delivers', async () => {
    expect(await runChild(server.url, 'before-exit')).toBe(0);
    expect(received('before-exit')).toHaveLength(1);
  });

  it('flushes on SIGTERM, then lets the signal end the process', async () => {
    expect(await runChild(server.url, 'sigterm', 'SIGTERM')).toBe('SIGTERM');
    expect(received('sigterm')).toHaveLength(1);
  });

  it('never keeps a process alive: without the hooks it exits at once, the event unsent', async () => {
    expect(await runChild(server.url, 'no-hooks')).toBe(0);
    expect(received('no-hooks')).toHaveLength(0);
  });

  it('reports a file queue that cannot be opened through ready()', async () => {
    // A path under a regular file cannot be made.
    const path = join(fileURLToPath(import.meta.url), 'queue.jsonl');
    const inlet = createInlet({
      writeKey: 'wk_test_123',
      endpoint: server.url,
      flushOnExit: false,
      queue: { path },
    });
    await expect(inlet.ready()).rejects.toThrow(/EEXIST|ENOTDIR/);
    expect(inlet.track('Lost')).toBeDefined();
    await inlet.flush();
    expect(inlet.stats().dropped.store).toBe(1);
    expect(await inlet.closeAndFlush({ timeout: 100 }).catch((e: Error) => e.message)).toMatch(
      /EEXIST|ENOTDIR/,
    );
  });
});
