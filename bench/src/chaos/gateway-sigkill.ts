/**
 * Chaos scenario 1: virtual users (`inlet-sim run`, the real SDK core) send to a gateway
 * (`--sink local`, its own process) that is SIGKILLed every `killEverySeconds` and restarted on the
 * same port and data directory; the SDKs' retries carry the events. Then `inlet-audit` reconciles
 * the run's ledger with the gateway's log: generated, acknowledged, delivered, lost, duplicated.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@inlet/scripts';

const GATEWAY_BIN = fileURLToPath(new URL('../../../gateway/bin/inlet-gateway.mjs', import.meta.url));
const SIM_BIN = fileURLToPath(new URL('../../../simulators/bin/inlet-sim.mjs', import.meta.url));
const AUDIT_BIN = fileURLToPath(new URL('../../../simulators/bin/inlet-audit.mjs', import.meta.url));
const WRITE_KEY = 'wk_chaos_0123456789';

export interface GatewaySigkillOptions {
  /** How long the users act, in s. Default 60. */
  readonly durationSeconds?: number;
  /** Concurrent virtual users (load profile, closed model). Default 200. */
  readonly vus?: number;
  /** Rate multiplier of the users' think times. Default 5. */
  readonly speed?: number;
  /** Seconds between kills. Default 15. */
  readonly killEverySeconds?: number;
}

export interface ScenarioRow {
  readonly scenario: string;
  readonly faults: number;
  readonly generated: number;
  readonly acknowledged: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly duplicates: string;
  /** Longest time from a kill to the restarted gateway answering /healthz, in ms. */
  readonly recoverMaxMs: number;
  readonly note: string;
}

interface RunReportSubset {
  readonly events: {
    readonly generated: number;
    readonly acknowledged: number;
    readonly leftInQueue: number;
  };
}
interface AuditSubset {
  readonly valid: {
    readonly delivered: number;
    readonly lost: number;
    readonly duplicated: number;
    readonly extraCopies: number;
  };
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

async function startGateway(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      GATEWAY_BIN,
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--write-key',
      WRITE_KEY,
      '--sink',
      'local',
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await healthy(url))) {
    if (child.exitCode !== null)
      throw new Error(`the gateway exited (${child.exitCode}) before answering /healthz`);
    if (Date.now() > deadline) throw new Error('the gateway did not answer /healthz within 60 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

async function finished(child: ChildProcess, what: string): Promise<number> {
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code === null) throw new Error(`${what} was killed`);
  return code;
}

export async function gatewaySigkill(options: GatewaySigkillOptions = {}): Promise<ScenarioRow> {
  const duration = options.durationSeconds ?? 60;
  const killEvery = options.killEverySeconds ?? 15;
  const dir = await mkdtemp(join(tmpdir(), 'inlet-chaos-gwkill-'));
  const port = await freePort();
  const dataDir = join(dir, 'gateway');
  const ledger = join(dir, 'run.ledger.jsonl');
  const report = join(dir, 'run.json');
  const auditReport = join(dir, 'audit.json');
  let gateway: ChildProcess | undefined;
  let sim: ChildProcess | undefined;
  try {
    gateway = await startGateway(port, dataDir);
    sim = spawn(
      process.execPath,
      [
        SIM_BIN,
        'run',
        '--profile',
        'load',
        '--vus',
        String(options.vus ?? 200),
        '--duration',
        `${duration}s`,
        '--speed',
        String(options.speed ?? 5),
        '--endpoint',
        `http://127.0.0.1:${port}`,
        '--write-key',
        WRITE_KEY,
        '--ledger',
        ledger,
        '--report',
        report,
        '--run-id',
        `chaos_gwkill_${Date.now().toString(36)}`,
        '--seed',
        '16',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const simDone = finished(sim, 'inlet-sim');
    let simExited = false;
    void simDone.finally(() => {
      simExited = true;
    });
    const recoveries: number[] = [];
    const killsUntil = Date.now() + duration * 1_000;
    while (!simExited && Date.now() + killEvery * 1_000 <= killsUntil) {
      await Promise.race([new Promise((r) => setTimeout(r, killEvery * 1_000)), simDone]);
      if (simExited) break;
      const killedAt = Date.now();
      const killed: ChildProcess = gateway;
      killed.kill('SIGKILL');
      await once(killed, 'exit');
      gateway = await startGateway(port, dataDir);
      recoveries.push(Date.now() - killedAt);
      process.stderr.write(`chaos: gateway SIGKILLed and back in ${recoveries.at(-1)} ms\n`);
    }
    const simCode = await simDone;
    if (simCode === 2) throw new Error('inlet-sim refused its arguments (see above)');
    gateway.kill('SIGTERM');
    await once(gateway, 'exit');

    const audit = spawn(
      process.execPath,
      [AUDIT_BIN, '--ledger', ledger, '--data-dir', dataDir, '--report', auditReport],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    await finished(audit, 'inlet-audit');
    const run = JSON.parse(await readFile(report, 'utf8')) as RunReportSubset;
    const result = JSON.parse(await readFile(auditReport, 'utf8')) as AuditSubset;
    return {
      scenario: `1. gateway SIGKILLed every ${killEvery} s under load, restarted`,
      faults: recoveries.length,
      generated: run.events.generated,
      acknowledged: run.events.acknowledged,
      delivered: result.valid.delivered,
      lost: result.valid.lost,
      duplicated: result.valid.duplicated,
      duplicates: `kept, counted by message-id (${result.valid.extraCopies} extra copies): a restart forgets the dedup memory`,
      recoverMaxMs: Math.max(0, ...recoveries),
      note: `${options.vus ?? 200} VUs (load profile) ×${options.speed ?? 5}, ${duration} s, local sink; ${run.events.leftInQueue} left in SDK queues`,
    };
  } finally {
    // Only the children this scenario started, should it have failed half-way.
    for (const child of [sim, gateway])
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}
