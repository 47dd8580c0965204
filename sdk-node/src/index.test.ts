import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInlet, isFileQueueError, openFileQueue } from './index';
import { type LocalServer, startLocalServer } from './testing/local-server';

describe('@inlet/sdk-node (public entry point)', () => {
  let dir: string;
  let server: LocalServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-node-'));
    server = await startLocalServer();
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps events in the file queue while the gateway is down and sends them from the next process', async () => {
    const path = join(dir, 'queue.jsonl');
    const down = await startLocalServer();
    await down.close();
    const first = createInlet({
      writeKey: 'wk_test_123',
      endpoint: down.url,
      queue: { path },
      flushOnExit: false,
    });
    const id = first.track('Invoice Paid', { amount: 42 }, { userId: 'u9' });
    expect(await first.closeAndFlush({ timeout: 300 })).toBe(1);

    const second = createInlet({
      writeKey: 'wk_test_123',
      endpoint: server.url,
      queue: { path },
      flushOnExit: false,
    });
    await second.ready();
    expect(await second.closeAndFlush({ timeout: 5_000 })).toBe(0);
    expect(server.messageIds()).toEqual([id]);
    // Closed: the lock is released, the journal holds nothing.
    const queue = await openFileQueue({ path });
    expect(await queue.size()).toBe(0);
    await queue.close();
    expect(isFileQueueError(new Error('x'))).toBe(false);
  });
});
