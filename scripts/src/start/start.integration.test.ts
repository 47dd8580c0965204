import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readLocalTopic, valueText } from '@inlet/streams';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../net/free-port';

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

// `npm start` without KAFKA_BROKERS: the real gateway on the local durable log, stopped by SIGTERM.
describe('npm start (no Kafka)', () => {
  let child: ChildProcess | undefined;
  let dataDir = '';
  afterAll(async () => {
    child?.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the gateway, stores what it acknowledged, and stops cleanly', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'inlet-start-'));
    const port = await freePort();
    const writeKey = 'start-test-key-0001';
    const env = { ...process.env };
    delete env.KAFKA_BROKERS;
    child = spawn(
      tsx,
      ['scripts/src/start/main.ts', '--port', String(port), '--data-dir', dataDir, '--write-key', writeKey],
      {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const listening = new Promise<void>((resolve, reject) => {
      child?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('listening')) resolve();
      });
      child?.on('exit', (code) => reject(new Error(`npm start exited early (${code}):\n${output}`)));
    });
    await listening;
    expect(output).toContain('not yet');

    const res = await fetch(`http://127.0.0.1:${port}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-write-key': writeKey },
      body: JSON.stringify({
        batch: [{ type: 'track', event: 'Started', anonymousId: 'a-1', messageId: 'm-start-1' }],
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, accepted: 1 });

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);

    const stored: string[] = [];
    for await (const record of readLocalTopic(path.join(dataDir, 'gateway'), 'topic_app_events')) {
      stored.push(JSON.parse(valueText(record) ?? 'null').messageId);
    }
    expect(stored).toEqual(['m-start-1']);
  });
});
