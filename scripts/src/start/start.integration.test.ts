import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readLocalTopic, valueText } from '@inlet/streams';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts } from '../net/free-port';

const root = path.resolve(import.meta.dirname, '../../..');

/** One `npm start` (main.ts itself, so that `child` is the orchestrator), its ports and output. */
interface Pipeline {
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly port: number;
  readonly standInPort: number;
  readonly writeKey: string;
  output(): string;
}

const pipelines: Pipeline[] = [];

/** Starts `npm start` without KAFKA_BROKERS on free ports; resolves once `ready` has been printed. */
async function startPipeline(ready: (output: string) => boolean): Promise<Pipeline> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'inlet-start-'));
  // As root, the embedded PostgreSQL runs as the `postgres` user, who must reach its data folder.
  await chmod(dataDir, 0o755);
  const [port = 0, standInPort = 0] = await freePorts(2);
  const writeKey = 'start-test-key-0001';
  const env = { ...process.env };
  delete env.KAFKA_BROKERS;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
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
    // A process group of its own, for the teardown below.
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  const pipeline = { child, dataDir, port, standInPort, writeKey, output: () => output };
  pipelines.push(pipeline);
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready(output)) resolve();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => reject(new Error(`npm start exited early (${code}):\n${output}`)));
  });
  return pipeline;
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

afterAll(async () => {
  for (const { child, dataDir } of pipelines) {
    // A failed test may leave `npm start` running: stop it as Ctrl-C would (its parts, then
    // PostgreSQL), then kill whatever is left of its process group, so that no part outlives the
    // test holding its port for the next run.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    }
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone.
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}, 60_000);

// `npm start` without KAFKA_BROKERS: every part on local durable logs and an embedded PostgreSQL.
describe('npm start (no Kafka)', () => {
  it('runs the pipeline: parts start in order, the gateway stores what it acknowledged, CDC captures the workload, all stop cleanly', {
    timeout: 180_000,
  }, async () => {
    const {
      child,
      dataDir,
      port,
      writeKey,
      output: printed,
    } = await startPipeline(
      // The gateway's own line: the API stand-ins, which also print "listening", may come first.
      (out) => out.includes('"msg":"inlet-gateway listening"'),
    );
    expect(printed()).toContain('not yet');

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
      `no CDC record after 90 s; npm start printed:\n${printed().slice(-4_000)}`,
    ).toBeGreaterThan(0);

    // A part that calls another's port starts once that one listens: no refused first attempt.
    const at = (text: string) => printed().indexOf(text);
    expect(at('"msg":"inlet-gateway listening"')).toBeGreaterThan(-1);
    expect(at('simulators   running')).toBeGreaterThan(at('"msg":"inlet-gateway listening"'));
    expect(at('external     running')).toBeGreaterThan(at('external API stand-ins listening'));
    expect(printed()).not.toContain('ECONNREFUSED');
    expect(printed()).toMatch(/\[external\] .*"status":"success"/);

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

  it('stops its parts and PostgreSQL when it is killed without a chance to stop them', {
    timeout: 120_000,
  }, async () => {
    const { child, port, standInPort, output } = await startPipeline(
      (out) => out.includes('inlet-gateway listening') && out.includes('external API stand-ins listening'),
    );
    const pgPort = Number(/postgres: embedded, postgres:\/\/[^@]*@127\.0\.0\.1:(\d+)\//.exec(output())?.[1]);
    const ports = [port, standInPort, pgPort];
    expect(await Promise.all(ports.map(accepts))).toEqual([true, true, true]);

    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    // Each part notices within a second that its parent is gone and stops as on Ctrl-C.
    const deadline = Date.now() + 30_000;
    let open = ports;
    while (open.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      open = (await Promise.all(ports.map(async (p) => ((await accepts(p)) ? [p] : [])))).flat();
    }
    expect(
      open,
      `still listening 30 s after npm start was killed; it printed:\n${output().slice(-3_000)}`,
    ).toEqual([]);
  });
});
