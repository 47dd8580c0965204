/**
 * The set-up of the runs that SIGKILL the CDC collector mid-workload (crash.integration.test.ts and
 * the chaos scenario): the real `inlet-cdc` bin as a child process, its flags, a wait until it
 * streams, and the change events read back as ledger entries for `compareLedger`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OLTP_TABLES, type RowChange } from '@inlet/simulators/oltp';
import type { CdcNames, ReadEvent } from './cdc-harness';

export const CDC_BIN = fileURLToPath(new URL('../../bin/inlet-cdc.mjs', import.meta.url));

export interface CdcChild {
  readonly child: ChildProcess;
  /** What it logged (stderr), for the checks and failure messages. */
  readonly output: string[];
  /** Resolves with the exit code; null when a signal ended it. */
  readonly exited: Promise<number | null>;
}

export function startCdcChild(args: readonly string[]): CdcChild {
  const child = spawn(process.execPath, [CDC_BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

/** Resolves once the child logged that it streams (so a SIGTERM finds its handlers installed). */
export async function cdcStreaming(cdc: CdcChild, timeoutMs = 30_000): Promise<void> {
  for (const stopAt = Date.now() + timeoutMs; Date.now() < stopAt; ) {
    if (cdc.output.join('').includes('"msg":"cdc streaming"')) return;
    if (cdc.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the CDC collector did not start streaming:\n${cdc.output.join('').slice(-2_000)}`);
}

/** `inlet-cdc` flags: the OLTP workload's tables in `names.schema` to `topic`, 200 ms heartbeats, info logs. */
export function cdcChildArgs(options: {
  readonly pgUrl: string;
  readonly brokers: readonly string[];
  readonly names: CdcNames;
  readonly topic: string;
}): string[] {
  const { names } = options;
  return [
    '--pg-url',
    options.pgUrl,
    '--tables',
    OLTP_TABLES.map((t) => `${names.schema}.${t}`).join(','),
    '--brokers',
    options.brokers.join(','),
    '--slot',
    names.slot,
    '--publication',
    names.publication,
    '--topic',
    options.topic,
    '--heartbeat',
    '200ms',
    '--log-level',
    'info',
  ];
}

/** Change events (not tombstones, not snapshot reads) as ledger entries. */
export function observedChanges(events: readonly ReadEvent[]): RowChange[] {
  const out: RowChange[] = [];
  for (const e of events) {
    const v = e.value;
    if (v === null || !['c', 'u', 'd'].includes(String(v.op))) continue;
    const row = (v.after ?? v.before) as { id: number; version: number | null };
    const source = v.source as { table: string };
    out.push({
      table: source.table,
      id: String(row.id),
      op: v.op as RowChange['op'],
      version: row.version ?? 0,
    });
  }
  return out;
}
