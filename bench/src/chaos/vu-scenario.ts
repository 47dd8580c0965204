/**
 * The chaos scenarios driven by virtual users (`inlet-sim run`, the real SDK core) against a gateway
 * in its own process (`--sink local`): a fault is injected — the gateway SIGKILLed every
 * `killEverySeconds` and restarted on the same port and data directory, and/or network faults at
 * the SDK's transport seam (lost responses, latency, offline windows) — and then `inlet-audit`
 * reconciles the run's ledger with the gateway's log: generated, acknowledged, delivered, lost,
 * duplicated.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@inlet/scripts';
import { spawnGatewayBin } from '../shared/gateway-bin';
import type { ScenarioRow } from './scenario-row';

const SIM_BIN = fileURLToPath(new URL('../../../simulators/bin/inlet-sim.mjs', import.meta.url));
const AUDIT_BIN = fileURLToPath(new URL('../../../simulators/bin/inlet-audit.mjs', import.meta.url));
const WRITE_KEY = 'wk_chaos_0123456789';

export interface VuScenarioOptions {
  /** How long the users act, in s. Default 60. */
  readonly durationSeconds?: number;
  /** Concurrent virtual users (load profile, closed model). Default 200. */
  readonly vus?: number;
  /** Rate multiplier of the users' think times. Default 5. */
  readonly speed?: number;
}

/** What a scenario's own fault injection did, for its row. */
export interface FaultOutcome {
  readonly faults: number;
  /** Times from each fault to recovery, in ms. */
  readonly recoveries: readonly number[];
  /** What was injected, for the row's note. */
  readonly what?: string;
}

/** What a fault injector gets: the running gateway and the users' run. */
export interface FaultContext {
  readonly gatewayUrl: string;
  /** How long the users act, in ms, from the moment the injector is called. */
  readonly durationMs: number;
  /** Resolves when the users' run has ended (drain included). */
  readonly simDone: Promise<number>;
}

export interface VuScenario {
  readonly name: string;
  /** Letters and digits: the run tag's middle part. */
  readonly tag: string;
  /** SIGKILL and restart the gateway this often; undefined: never. */
  readonly killEverySeconds?: number;
  /** Extra `inlet-sim run` flags (its fault injection). */
  readonly simArgs: readonly string[];
  readonly setup: string;
  /** The gateway's sink flags. Default: `--sink local`. */
  readonly sinkArgs?: readonly string[];
  /** Extra gateway flags. Default: none. */
  readonly gatewayArgs?: readonly string[];
  /** Where the audit reads: `--brokers …`. Default: the gateway's local log. */
  readonly auditSource?: readonly string[];
  /** Injects the scenario's own fault while the users run. Default: none. */
  readonly fault?: (context: FaultContext) => Promise<FaultOutcome>;
  /** Runs after the users stopped and before the gateway does (e.g. waits for its spool to empty). */
  readonly settle?: (gatewayUrl: string) => Promise<void>;
}

interface RunReportSubset {
  readonly events: {
    readonly generated: number;
    readonly acknowledged: number;
    readonly leftInQueue: number;
    readonly retried: number;
    /** Events the SDKs gave up on, by reason (e.g. max-attempts, queue-full). */
    readonly dropped: Readonly<Record<string, number>>;
  };
  /** `inlet-sim`'s FaultCounts: requests refused offline and answers thrown away, events resent. */
  readonly faults: {
    readonly offlineRequests: number;
    readonly droppedResponses: number;
    readonly resentAccepted: number;
  };
  readonly gatewayDeduplicated?: number;
  readonly requests: { readonly byStatus: Readonly<Record<string, number>> };
}
interface AuditSubset {
  readonly valid: {
    readonly delivered: number;
    readonly lost: number;
    readonly duplicated: number;
    readonly extraCopies: number;
  };
}

const startGateway = (port: number, dataDir: string, flags: readonly string[]): Promise<ChildProcess> =>
  spawnGatewayBin(port, ['--data-dir', dataDir, '--write-key', WRITE_KEY, '--log-level', 'warn', ...flags]);

async function finished(child: ChildProcess, what: string): Promise<number> {
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code === null) throw new Error(`${what} was killed`);
  return code;
}

export async function runVuScenario(scenario: VuScenario, options: VuScenarioOptions): Promise<ScenarioRow> {
  const duration = options.durationSeconds ?? 60;
  const killEvery = scenario.killEverySeconds;
  const dir = await mkdtemp(join(tmpdir(), `inlet-chaos-${scenario.tag}-`));
  const port = await freePort();
  const dataDir = join(dir, 'gateway');
  const ledger = join(dir, 'run.ledger.jsonl');
  const report = join(dir, 'run.json');
  const auditReport = join(dir, 'audit.json');
  let gateway: ChildProcess | undefined;
  let sim: ChildProcess | undefined;
  const gatewayFlags = [...(scenario.sinkArgs ?? ['--sink', 'local']), ...(scenario.gatewayArgs ?? [])];
  const gatewayUrl = `http://127.0.0.1:${port}`;
  try {
    gateway = await startGateway(port, dataDir, gatewayFlags);
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
        gatewayUrl,
        '--write-key',
        WRITE_KEY,
        '--ledger',
        ledger,
        '--report',
        report,
        '--run-id',
        `chaos_${scenario.tag}_${Date.now().toString(36)}`,
        '--seed',
        '16',
        ...scenario.simArgs,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const simDone = finished(sim, 'inlet-sim');
    let simExited = false;
    void simDone.finally(() => {
      simExited = true;
    });
    const recoveries: number[] = [];
    const injected = scenario.fault?.({ gatewayUrl, durationMs: duration * 1_000, simDone });
    const killsUntil = Date.now() + duration * 1_000;
    while (killEvery !== undefined && !simExited && Date.now() + killEvery * 1_000 <= killsUntil) {
      await Promise.race([new Promise((r) => setTimeout(r, killEvery * 1_000)), simDone]);
      if (simExited) break;
      const killedAt = Date.now();
      const killed: ChildProcess = gateway;
      killed.kill('SIGKILL');
      await once(killed, 'exit');
      gateway = await startGateway(port, dataDir, gatewayFlags);
      recoveries.push(Date.now() - killedAt);
      process.stderr.write(`chaos: gateway SIGKILLed and back in ${recoveries.at(-1)} ms\n`);
    }
    const outcome = await injected;
    const simCode = await simDone;
    if (simCode === 2) throw new Error('inlet-sim refused its arguments (see above)');
    await scenario.settle?.(gatewayUrl);
    gateway.kill('SIGTERM');
    await once(gateway, 'exit');

    const audit = spawn(
      process.execPath,
      [
        AUDIT_BIN,
        '--ledger',
        ledger,
        ...(scenario.auditSource ?? ['--data-dir', dataDir]),
        '--report',
        auditReport,
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    await finished(audit, 'inlet-audit');
    const run = JSON.parse(await readFile(report, 'utf8')) as RunReportSubset;
    const result = JSON.parse(await readFile(auditReport, 'utf8')) as AuditSubset;
    const removed = run.gatewayDeduplicated;
    const { offlineRequests, droppedResponses, resentAccepted } = run.faults;
    const busy = Object.entries(run.requests.byStatus)
      .filter(([status]) => status === '503' || status === '429')
      .map(([status, count]) => `${count} requests answered ${status}`);
    const dropped = Object.entries(run.events.dropped).filter(([, count]) => count > 0);
    const notes = [
      ...(outcome?.what === undefined ? [] : [outcome.what]),
      ...busy,
      ...(run.events.retried > 0 ? [`${run.events.retried} event sends retried by the SDKs`] : []),
      ...(dropped.length > 0
        ? [`dropped by the SDKs: ${dropped.map(([reason, count]) => `${count} ${reason}`).join(', ')}`]
        : []),
      ...(droppedResponses > 0 ? [`${droppedResponses} answers lost (${resentAccepted} events resent)`] : []),
      ...(offlineRequests > 0 ? [`${offlineRequests} requests refused offline`] : []),
    ];
    return {
      scenario: scenario.name,
      faults: recoveries.length + offlineRequests + droppedResponses + (outcome?.faults ?? 0),
      generated: run.events.generated,
      acknowledged: run.events.acknowledged,
      delivered: result.valid.delivered,
      lost: result.valid.lost,
      duplicated: result.valid.duplicated,
      duplicates:
        `${result.valid.extraCopies} extra copies kept (consumers drop them by message-id)` +
        // After a restart the gateway's dedup counter starts again: only a steady gateway's is the run's.
        (removed === undefined || killEvery !== undefined
          ? ''
          : `; ${removed} removed by the gateway's dedup`),
      recoverMaxMs: ((all) => (all.length === 0 ? undefined : Math.max(...all)))([
        ...recoveries,
        ...(outcome?.recoveries ?? []),
      ]),
      note: `${scenario.setup}; ${options.vus ?? 200} VUs (load profile) ×${options.speed ?? 5}, ${duration} s, ${scenario.sinkArgs === undefined ? 'local sink' : 'Kafka sink'}; ${notes.length > 0 ? `faults: ${notes.join(', ')}; ` : ''}${run.events.leftInQueue} left in SDK queues${
        result.valid.lost > 0 &&
        result.valid.lost <= run.events.leftInQueue &&
        result.valid.delivered >= run.events.acknowledged
          ? ` when the run's drain ended (never acknowledged: the "lost" are among them, nothing acknowledged is missing)`
          : ''
      }`,
    };
  } finally {
    // Only the children this scenario started, should it have failed half-way.
    for (const child of [sim, gateway])
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

/** Scenario 1: the gateway SIGKILLed every 15 s under load and restarted; the SDKs' retries carry the events. */
export const gatewaySigkill = (options: VuScenarioOptions = {}): Promise<ScenarioRow> =>
  runVuScenario(
    {
      name: '1. gateway SIGKILLed every 15 s under load, restarted',
      tag: 'gwkill',
      killEverySeconds: 15,
      simArgs: [],
      setup: 'restarted on the same port and data dir (a restart forgets the dedup memory)',
    },
    options,
  );

/**
 * Scenario 4: network faults between the SDKs and the gateway, at the SDK's transport seam: 20% of
 * accepted answers lost (the SDK resends: duplicates the gateway must drop), 150 ms mean added
 * latency, and two 5 s offline windows.
 */
export const networkFaults = (options: VuScenarioOptions = {}): Promise<ScenarioRow> => {
  const duration = options.durationSeconds ?? 60;
  const at = (share: number) => `${Math.max(1, Math.round(duration * share))}s+5s`;
  return runVuScenario(
    {
      name: '4. network faults: lost responses, latency, offline windows',
      tag: 'netfault',
      // A batch whose answers were lost several times in a row waits out a doubled backoff: the
      // default 15 s drain can end before its retry (6 events once in a short CI run).
      simArgs: [
        '--drop-responses',
        '0.2',
        '--latency',
        '150',
        '--offline',
        `${at(0.3)},${at(0.6)}`,
        '--drain',
        '60s',
      ],
      setup: '20% of answers lost, +150 ms mean latency, two 5 s offline windows',
    },
    options,
  );
};
