import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readLocalTopic, valueText } from '@inlet/streams';
import { afterAll, describe, expect, it } from 'vitest';
import { defined, kafkaBrokers, type NpmStartOptions, spawnNpmStart } from '../testing';

const root = path.resolve(import.meta.dirname, '../../..');
const brokers = kafkaBrokers();

/** One `npm start` in a process group of its own, as a terminal runs it. */
interface Pipeline {
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly ports: { gateway: number; demo: number; standIn: number; health: readonly number[] };
  readonly writeKey: string;
  output(): string;
  /** Resolves once the output matches. */
  until(test: (output: string) => boolean, what: string, timeoutMs?: number): Promise<void>;
}

const pipelines: Pipeline[] = [];

async function startPipeline(
  options: Omit<NpmStartOptions, 'dataDirPrefix' | 'writeKey'>,
): Promise<Pipeline> {
  const writeKey = 'start-test-key-0001';
  const { child, dataDir, ports } = await spawnNpmStart({
    ...options,
    dataDirPrefix: 'inlet-start-',
    writeKey,
  });
  let output = '';
  const waiters = new Set<() => void>();
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout?.on('data', read);
  child.stderr?.on('data', read);
  const pipeline: Pipeline = {
    child,
    dataDir,
    ports,
    writeKey,
    output: () => output,
    until: (test, what, timeoutMs = 150_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no ${what} within ${timeoutMs / 1_000} s; npm start printed:\n${output.slice(-4_000)}`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          if (test(output)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(
              new Error(`npm start exited (${child.exitCode}) before ${what}:\n${output.slice(-4_000)}`),
            );
          }
        };
        waiters.add(check);
        child.once('exit', check);
        check();
      }),
  };
  pipelines.push(pipeline);
  return pipeline;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

const ledgerLines = async (dataDir: string) =>
  (await readFile(path.join(dataDir, 'simulators', 'ledger.jsonl'), 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean).length;

/** `inlet-audit` over the run, as a person would run it after Ctrl-C. */
async function audit(
  ledger: string,
  source: readonly string[],
): Promise<{ code: number | null; text: string }> {
  const child = spawn(process.execPath, ['simulators/bin/inlet-audit.mjs', '--ledger', ledger, ...source], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, text };
}

/** Runs the pipeline until the users have sent events and CDC streams, then one Ctrl-C to the group. */
async function ctrlCLeavesACleanAudit(pipeline: Pipeline, source: readonly string[]): Promise<void> {
  const { child, dataDir, output } = pipeline;
  await pipeline.until(
    (out) => /✔ cdc +ready/.test(out) && /✔ simulators +running/.test(out),
    'cdc and users',
  );
  // The ledger is written as the users stop; meanwhile the status line counts what reached the topics.
  const appEvents = (out: string) =>
    Math.max(0, ...[...out.matchAll(/│ app (\d+) /g)].map((m) => Number(m[1])));
  await pipeline.until((out) => appEvents(out) >= 20, '20 app events on the status line');

  // What a terminal does on Ctrl-C: SIGINT to every process of the foreground group.
  const exited = once(child, 'exit');
  process.kill(-defined(child.pid), 'SIGINT');
  const [code, signal] = await exited;
  expect(await ledgerLines(dataDir)).toBeGreaterThanOrEqual(20);
  // npm, itself interrupted, re-raises SIGINT once its script has exited (as shells expect).
  expect([code, signal], output().slice(-4_000)).toSatisfy(([c, s]) => c === 0 || s === 'SIGINT');
  expect(output()).toMatch(/^Stopped in [\d.]+ s\.$/m);
  expect(output()).toContain('Stopping:');
  expect(output()).not.toContain('Second Ctrl-C');
  expect(output()).toMatch(/✔ audit of the virtual users' events: OK: nothing lost/);

  const ledger = path.join(dataDir, 'simulators', 'ledger.jsonl');
  const result = await audit(ledger, source);
  expect(result.text).toMatch(/^LOST\s+0$/m);
  expect(result.text).toMatch(/verdict\s+OK: nothing lost/);
  expect(result.code).toBe(0);
  // The users' queues were flushed: every event of the ledger is accounted for, none left in flight.
  expect(result.text).toMatch(/^invalid, dead-lettered\s+(\d+) of \1$/m);
}

afterAll(async () => {
  for (const { child, dataDir } of pipelines) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      process.kill(-defined(child.pid), 'SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    }
    try {
      process.kill(-defined(child.pid), 'SIGKILL');
    } catch {
      // The group is gone.
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}, 120_000);

describe('npm start on local durable logs (--no-kafka)', () => {
  it('starts each part once the parts it needs are ready, logs to files, and one Ctrl-C to the process group stops it with a clean audit', {
    timeout: 300_000,
  }, async () => {
    const pipeline = await startPipeline({ via: 'npm' });
    const { dataDir, ports, writeKey, output } = pipeline;
    await pipeline.until((out) => /✔ gateway +ready/.test(out), 'gateway ready');
    expect(output()).toContain(`gateway      http://127.0.0.1:${ports.gateway}`);
    expect(output()).toContain(`write key    ${writeKey}`);
    expect(output()).toMatch(/events go to local durable logs .*\(--no-kafka\)/);

    const res = await fetch(`http://127.0.0.1:${ports.gateway}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-write-key': writeKey },
      body: JSON.stringify({
        batch: [{ type: 'track', event: 'Started', anonymousId: 'a-1', messageId: 'm-start-1' }],
      }),
    });
    expect(res.status).toBe(200);
    // The storefront posts from its own origin: the gateway's CORS must let it.
    const storefront = `http://127.0.0.1:${ports.demo}`;
    const preflight = await fetch(`http://127.0.0.1:${ports.gateway}/v1/batch`, {
      method: 'OPTIONS',
      headers: {
        origin: storefront,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(storefront);

    await ctrlCLeavesACleanAudit(pipeline, ['--data-dir', path.join(dataDir, 'gateway')]);

    // Readiness came from health endpoints and the workload's ready line: CDC after the workload's
    // tables, the collector after the stand-ins, the users after the gateway.
    const at = (pattern: RegExp) => output().search(pattern);
    expect(at(/✔ cdc +ready/)).toBeGreaterThan(at(/✔ oltp +ready/));
    expect(at(/✔ external +ready/)).toBeGreaterThan(at(/✔ external-api +ready/));
    expect(at(/✔ simulators +running/)).toBeGreaterThan(at(/✔ gateway +ready/));
    // The parts' own output went to their log files, not to the terminal.
    expect(output()).not.toContain('"msg":"inlet-gateway listening"');
    expect(await readFile(path.join(dataDir, 'logs', 'gateway.log'), 'utf8')).toContain(
      'inlet-gateway listening',
    );
    expect(existsSync(path.join(dataDir, 'logs', 'cdc.log'))).toBe(true);

    const stored: string[] = [];
    for await (const record of readLocalTopic(path.join(dataDir, 'gateway'), 'topic_app_events')) {
      stored.push(JSON.parse(valueText(record) ?? 'null').messageId);
    }
    expect(stored.filter((id) => id === 'm-start-1')).toHaveLength(1);
    const open = await Promise.all([ports.gateway, ports.demo, ports.standIn, ...ports.health].map(accepts));
    expect(open.every((o) => !o)).toBe(true);
  });

  it('says which part could not start, why, and where its log is — no stack trace of its own', {
    timeout: 180_000,
  }, async () => {
    const blocker = createServer();
    const pipeline = await startPipeline({ via: 'main' });
    await new Promise<void>((resolve) => blocker.listen(pipeline.ports.gateway, '127.0.0.1', resolve));
    try {
      const [code] = await once(pipeline.child, 'exit');
      const printed = pipeline.output();
      expect(code, printed).toBe(1);
      expect(printed).toMatch(/✖ gateway: exited unexpectedly/);
      expect(printed).toContain(`full log: ${path.join(pipeline.dataDir, 'logs', 'gateway.log')}`);
      expect(printed).not.toMatch(/^\s+at .*main\.ts/m);
    } finally {
      blocker.close();
    }
  });

  it("without Java 17, says so in one line with the fix and runs on the local logs (--verbose: with the parts' lines)", {
    timeout: 180_000,
  }, async () => {
    // A `java` first on PATH that reports Java 8, as an old JDK does.
    const bin = await mkdtemp(path.join(tmpdir(), 'inlet-old-java-'));
    await writeFile(path.join(bin, 'java'), '#!/bin/sh\necho \'openjdk version "1.8.0_392"\' >&2\n', {
      mode: 0o755,
    });
    try {
      const pipeline = await startPipeline({
        via: 'main',
        kafka: 'own',
        env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
        extraArgs: ['--verbose'],
      });
      await pipeline.until((out) => /✔ gateway +ready/.test(out), 'gateway ready');
      // --verbose streams the parts' own lines too, each prefixed with its part. Readiness comes
      // from the health endpoint, so the gateway's own line may reach the terminal just after it.
      await pipeline.until(
        (out) => /^\[gateway\] .*inlet-gateway listening/m.test(out),
        "the gateway's own listening line, prefixed",
        30_000,
      );
      const notes = pipeline
        .output()
        .split('\n')
        .filter((line) => /no Java 17/.test(line));
      expect(notes).toEqual([
        `  events go to local durable logs under ${pipeline.dataDir}: no Java 17 for Kafka (apt-get install openjdk-17-jre-headless, then npm start again)`,
      ]);
      const exited = once(pipeline.child, 'exit');
      process.kill(-defined(pipeline.child.pid), 'SIGINT');
      expect((await exited)[0]).toBe(0);
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });

  it('stops its parts and PostgreSQL when it is killed without a chance to stop them', {
    timeout: 180_000,
  }, async () => {
    const pipeline = await startPipeline({ via: 'main' });
    await pipeline.until(
      (out) => /✔ gateway +ready/.test(out) && /✔ external-api +ready/.test(out),
      'gateway and stand-ins',
    );
    const { child, ports, output } = pipeline;
    const pgPort = Number(/postgres +embedded on 127\.0\.0\.1:(\d+)/.exec(output())?.[1]);
    const watched = [ports.gateway, ports.standIn, pgPort];
    expect(await Promise.all(watched.map(accepts))).toEqual([true, true, true]);
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    const deadline = Date.now() + 30_000;
    let open = watched;
    while (open.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      open = (await Promise.all(watched.map(async (p) => ((await accepts(p)) ? [p] : [])))).flat();
    }
    expect(open, `still listening 30 s after npm start was killed:\n${output().slice(-3_000)}`).toEqual([]);
  });
});

describe.skipIf(!brokers)('npm start on Kafka (KAFKA_BROKERS)', () => {
  it('sends every part to Kafka, and one Ctrl-C to the process group stops it with a clean audit', {
    timeout: 300_000,
  }, async () => {
    const list = defined(brokers, 'Kafka brokers');
    const pipeline = await startPipeline({ via: 'npm', kafka: list });
    await pipeline.until((out) => /✔ gateway +ready/.test(out), 'gateway ready');
    expect(pipeline.output()).toContain(`events go to Kafka at ${list.join(',')} (KAFKA_BROKERS)`);
    await ctrlCLeavesACleanAudit(pipeline, ['--brokers', list.join(',')]);
  });
});
