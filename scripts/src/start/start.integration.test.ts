import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readLocalTopic, valueText } from '@inlet/streams';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts } from '../net/free-port';

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

// `npm start` without KAFKA_BROKERS: every part on local durable logs and an embedded PostgreSQL,
// stopped by SIGTERM.
describe('npm start (no Kafka)', () => {
  let child: ChildProcess | undefined;
  let dataDir = '';
  afterAll(async () => {
    // A failed test leaves `npm start` running: stop it as Ctrl-C would (its parts, then
    // PostgreSQL), and kill its process group if it does not end. Killing only `npm start` would
    // leave its parts running, holding their ports for the next run.
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is gone.
      }
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('runs the pipeline: parts start in order, the gateway stores what it acknowledged, CDC captures the workload, all stop cleanly', {
    timeout: 180_000,
  }, async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'inlet-start-'));
    // As root, the embedded PostgreSQL runs as the `postgres` user, who must reach its data folder.
    await chmod(dataDir, 0o755);
    const [port = 0, standInPort = 0] = await freePorts(2);
    const writeKey = 'start-test-key-0001';
    const env = { ...process.env };
    delete env.KAFKA_BROKERS;
    child = spawn(
      tsx,
      [
        'scripts/src/start/main.ts',
        '--port',
        String(port),
        '--stand-in-port',
        String(standInPort),
        '--data-dir',
        dataDir,
        '--write-key',
        writeKey,
      ],
      // A process group of its own, for the teardown above.
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let output = '';
    const listening = new Promise<void>((resolve, reject) => {
      child?.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
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

    // The OLTP workload migrates, then CDC snapshots and streams its tables into its own local log.
    const cdcRecords = async (): Promise<number> => {
      let n = 0;
      try {
        for await (const _ of readLocalTopic(path.join(dataDir, 'cdc'), 'topic_cdc_changes')) n++;
      } catch {
        // Not created yet.
      }
      return n;
    };
    const deadline = Date.now() + 90_000;
    while ((await cdcRecords()) === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 1_000));
    expect(
      await cdcRecords(),
      `no CDC record after 90 s; npm start printed:\n${output.slice(-4_000)}`,
    ).toBeGreaterThan(0);

    // A part that calls another's port starts once that one listens: no refused first attempt.
    const at = (text: string) => output.indexOf(text);
    expect(at('"msg":"inlet-gateway listening"')).toBeGreaterThan(-1);
    expect(at('simulators   running')).toBeGreaterThan(at('"msg":"inlet-gateway listening"'));
    expect(at('external     running')).toBeGreaterThan(at('external API stand-ins listening'));
    expect(output).not.toContain('ECONNREFUSED');
    expect(output).toMatch(/\[external\] .*"status":"success"/);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);

    const stored: string[] = [];
    for await (const record of readLocalTopic(path.join(dataDir, 'gateway'), 'topic_app_events')) {
      stored.push(JSON.parse(valueText(record) ?? 'null').messageId);
    }
    // The virtual users post too; ours is there once.
    expect(stored.filter((id) => id === 'm-start-1')).toHaveLength(1);
  });
});
