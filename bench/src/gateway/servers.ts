/** Each measured server runs in its own child process: started, made ready, stopped with SIGTERM. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@inlet/scripts';
import { GATEWAY_BIN } from '../shared/gateway-bin';

const BASELINE = fileURLToPath(new URL('./baseline-server.ts', import.meta.url));
const APP_ONLY = fileURLToPath(new URL('./app-only-server.ts', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor-server.ts', import.meta.url));
export const BENCH_KEY = 'wk_bench_0123456789';

export interface Scenario {
  readonly id: string;
  readonly label: string;
  /** Share of the baseline's events/s this scenario should reach (the targets). */
  readonly target?: { readonly ratio: number; readonly p99Ms?: number };
  readonly kind: 'baseline' | 'floor' | 'gateway' | 'app-only';
  readonly sink?: 'local' | 'kafka';
  readonly workers?: number;
}

export const SCENARIOS: readonly Scenario[] = [
  { id: 'baseline', label: '(a) bare node:http + JSON.parse', kind: 'baseline' },
  {
    id: 'floor',
    label: '(f) bare node:http + per-event validate, enrich, stringify; stores nothing (diagnostic)',
    kind: 'floor',
  },
  { id: 'local', label: '(b) gateway --sink local', kind: 'gateway', sink: 'local', target: { ratio: 0.7 } },
  {
    id: 'kafka',
    label: '(c) gateway, Kafka',
    kind: 'gateway',
    sink: 'kafka',
    target: { ratio: 0.6, p99Ms: 50 },
  },
  {
    id: 'kafka-workers-2',
    label: '(d) gateway, Kafka, --workers 2',
    kind: 'gateway',
    sink: 'kafka',
    workers: 2,
  },
  {
    id: 'local-workers-2',
    label: '(d) gateway --sink local --workers 2',
    kind: 'gateway',
    sink: 'local',
    workers: 2,
  },
  { id: 'app-only', label: '(e) gateway app, publisher storing nothing (diagnostic)', kind: 'app-only' },
];

export interface RunningServer {
  readonly url: string;
  /** The server's process (with workers: their primary), for its CPU time. */
  readonly pid: number;
  /** Spool bytes (Kafka scenarios) as `/readyz` reports them; undefined for the baseline. */
  spoolBytes(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/** Waits for `pattern` in the child's stdout; returns its first capture group, then stops listening. */
function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
  stream: 'stdout' | 'stderr' = 'stdout',
): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('exit', onExit);
      child[stream]?.off('data', onData);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`server not ready after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`server exited (${code}) before it was ready:\n${output}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const first = pattern.exec(output)?.[1];
      if (first !== undefined) {
        done();
        resolve(first);
      }
    };
    child.once('exit', onExit);
    child[stream]?.on('data', onData);
  });
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('the server process did not start');
  return child.pid;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Polls `/readyz` until it answers 200 `times` in a row (with workers, each may hit another one) and Kafka is connected. */
async function waitReady(url: string, sink: 'local' | 'kafka', times = 4): Promise<void> {
  const deadline = Date.now() + 60_000;
  let streak = 0;
  while (streak < times) {
    if (Date.now() > deadline) throw new Error(`${url}/readyz never became ready`);
    const body = await fetch(`${url}/readyz`)
      .then(async (r) => (r.ok ? ((await r.json()) as { status?: { kafka?: string } }) : undefined))
      .catch(() => undefined);
    const ok = body !== undefined && (sink === 'local' || body.status?.kafka === 'connected');
    streak = ok ? streak + 1 : 0;
    await new Promise((r) => setTimeout(r, ok ? 50 : 250));
  }
}

export interface StartOptions {
  readonly brokers: readonly string[];
  /** The gateway's `--log-level`; at `info` (its default) it logs one line per request. */
  readonly logLevel: string;
}

export async function startServer(scenario: Scenario, options: StartOptions): Promise<RunningServer> {
  if (scenario.kind === 'baseline' || scenario.kind === 'floor') {
    const entry = scenario.kind === 'baseline' ? BASELINE : FLOOR;
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await waitForLine(child, /"url":"([^"]+)"/, 30_000);
    return { url, pid: pidOf(child), spoolBytes: async () => undefined, stop: () => stopChild(child) };
  }
  if (scenario.kind === 'app-only') {
    const child = spawn(process.execPath, ['--import', 'tsx', APP_ONLY, BENCH_KEY, options.logLevel], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const url = await waitForLine(child, /"url":"([^"]+)"/, 30_000, 'stderr');
    child.stderr?.resume();
    return { url, pid: pidOf(child), spoolBytes: async () => undefined, stop: () => stopChild(child) };
  }
  const dir = await mkdtemp(join(tmpdir(), `inlet-bench-${scenario.id}-`));
  const config = join(dir, 'gateway.json');
  // One write key with a rate limit the load cannot reach: the bench measures the pipeline, not the limiter.
  await writeFile(
    config,
    JSON.stringify({
      writeKeys: [{ key: BENCH_KEY, source: 'bench', rateLimit: { perSecond: 1e9, burst: 1e9 } }],
    }),
  );
  const sinkArgs = scenario.sink === 'kafka' ? ['--brokers', options.brokers.join(',')] : ['--sink', 'local'];
  const port = await freePort();
  const args = [
    GATEWAY_BIN,
    '--config',
    config,
    '--data-dir',
    join(dir, 'data'),
    '--port',
    String(port),
    '--log-level',
    options.logLevel,
    ...sinkArgs,
    ...(scenario.workers ? ['--workers', String(scenario.workers)] : []),
  ];
  // Log lines are read until the gateway is up (with workers: until all of them listen, or connections
  // would pile onto the first), then drained unread.
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const logsInfo = ['info', 'debug', 'trace'].includes(options.logLevel);
  const listening = scenario.workers
    ? /"msg":"all gateway workers listening"()/
    : /"msg":"inlet-gateway listening"()/;
  if (logsInfo) await waitForLine(child, listening, 60_000);
  child.stdout?.resume();
  await Promise.race([
    waitReady(url, scenario.sink ?? 'local'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the gateway (${scenario.id}) exited with ${code} before it was ready`);
    }),
  ]);
  // Without info logs there is no "all listening" line: give the other workers time to come up.
  if (!logsInfo && scenario.workers) await new Promise((r) => setTimeout(r, 3_000));
  return {
    url,
    pid: pidOf(child),
    async spoolBytes() {
      const body = await fetch(`${url}/readyz`)
        .then((r) => r.json() as Promise<{ status?: { spool?: { bytes: number } } }>)
        .catch(() => undefined);
      return body?.status?.spool?.bytes;
    },
    async stop() {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
