import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TOPIC_NAMES } from '@inlet/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localMessageIds, postBatch, runId, testConfig, trackEvent } from '../testing/ingest-load';
import { startGateway } from './start';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inlet-gw-start-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('startGateway (local sink)', () => {
  it('serves the app over HTTP, stores accepted events in the local log, and stops cleanly', async () => {
    const gateway = await startGateway(testConfig({ sink: 'local', dataDir: dir }));
    const prefix = runId('start');
    try {
      const answer = await postBatch(gateway.url, [
        trackEvent(`${prefix}-1`, 1),
        trackEvent(`${prefix}-2`, 2),
      ]);
      expect(answer).toMatchObject({ status: 200, body: { ok: true, accepted: 2 } });
      const ready = await fetch(`${gateway.url}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      await Promise.all([gateway.stop(), gateway.stop()]);
    }
    expect(gateway.server.listening).toBe(false);
    expect([...(await localMessageIds(dir, DEFAULT_TOPIC_NAMES.appEvents, prefix)).keys()]).toEqual([
      `${prefix}-1`,
      `${prefix}-2`,
    ]);
    expect(await gateway.publisher.publish([{ topic: 't', key: null, value: 'x' }])).toMatchObject({
      ok: false,
      reason: 'shutting-down',
    });
  });

  it('names the port and the fix when the port is taken, and releases the log', async () => {
    const first = await startGateway(testConfig({ sink: 'local', dataDir: join(dir, 'a') }));
    try {
      await expect(
        startGateway(testConfig({ sink: 'local', dataDir: join(dir, 'b'), port: first.port })),
      ).rejects.toThrow(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${first.port}: .*EADDRINUSE.*--port`));
      const again = await startGateway(testConfig({ sink: 'local', dataDir: join(dir, 'b') }));
      await again.stop();
    } finally {
      await first.stop();
    }
  });
});
