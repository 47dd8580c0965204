/**
 * The CDC bench's phases, each against the same collector setup: workload (child process) → PostgreSQL
 * → collector (this process) → Kafka. Latency is commit time in PostgreSQL (pgoutput's Begin) → the
 * Kafka acknowledgement of the event, as the collector's `onAppended` hook sees it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type CdcCollector, startCdcCollector } from '@inlet/collectors/cdc';
import type { OltpRunStats, OltpWorkloadOptions } from '@inlet/simulators/oltp';
import type { Sink } from '@inlet/streams';
import type pg from 'pg';
import type { PhaseFigures } from './stats';

const CHILD = fileURLToPath(new URL('./workload-child.ts', import.meta.url));

export interface BenchContext {
  readonly pgUrl: string;
  readonly admin: pg.Client;
  readonly sink: Sink;
  readonly topic: string;
  readonly schema: string;
  readonly tables: readonly string[];
  readonly slot: string;
  readonly publication: string;
  readonly log: (line: string) => void;
}

/** Collects commit→ack latencies and record counts while a phase runs. */
export class Recorder {
  latencies: number[] = [];
  events = 0;
  reset(): void {
    this.latencies = [];
    this.events = 0;
  }
}

export async function startCollector(ctx: BenchContext, recorder: Recorder): Promise<CdcCollector> {
  const collector = await startCdcCollector({
    pgUrl: ctx.pgUrl,
    tables: ctx.tables,
    sink: ctx.sink,
    slot: ctx.slot,
    publication: ctx.publication,
    topic: ctx.topic,
    heartbeatIntervalMs: 1_000,
    onAppended: (batch) => {
      recorder.events += batch.records.length;
      for (const commit of batch.commitTimesMs) recorder.latencies.push(batch.ackedAtMs - commit);
    },
  });
  await collector.streaming;
  return collector;
}

export function runWorkloadChild(options: OltpWorkloadOptions): Promise<OltpRunStats> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim()) as OltpRunStats)
        : reject(new Error(`workload exited with ${code}`)),
    );
  });
}

async function walLsn(admin: pg.Client): Promise<bigint> {
  const { rows } = await admin.query<{ n: string }>(
    `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS n`,
  );
  return BigInt(rows[0]?.n ?? '0');
}

/** Waits until the slot confirmed everything committed so far; returns how long it took, ms. */
export async function caughtUp(ctx: BenchContext, timeoutMs = 300_000): Promise<number> {
  const started = performance.now();
  const target = await walLsn(ctx.admin);
  for (;;) {
    const { rows } = await ctx.admin.query<{ n: string | null }>(
      `SELECT pg_wal_lsn_diff(confirmed_flush_lsn, '0/0')::text AS n FROM pg_replication_slots WHERE slot_name = $1`,
      [ctx.slot],
    );
    if (BigInt(rows[0]?.n ?? '0') >= target) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error('the collector did not catch up in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Workload at a rate with the collector running: sustained throughput and latency. */
export async function workloadPhase(
  ctx: BenchContext,
  recorder: Recorder,
  phase: string,
  options: Pick<OltpWorkloadOptions, 'profile' | 'perSecond' | 'concurrency' | 'durationMs'>,
): Promise<PhaseFigures> {
  recorder.reset();
  ctx.log(`${phase}: running the workload for ${(options.durationMs ?? 0) / 1_000} s`);
  const stats = await runWorkloadChild({ pgUrl: ctx.pgUrl, schema: ctx.schema, migrate: false, ...options });
  const drainMs = await caughtUp(ctx);
  const seconds = stats.elapsedMs / 1_000;
  return {
    phase,
    changes: stats.changes,
    events: recorder.events,
    seconds,
    latenciesMs: recorder.latencies,
    note: `${stats.transactions} tx, ${options.concurrency ?? 'profile'} conn; caught up ${Math.round(drainMs)} ms after the workload stopped`,
  };
}

/**
 * Collector capacity: a backlog of bulk changes committed while the collector is stopped, then the time
 * it takes a fresh start to stream all of it to Kafka.
 */
export async function backlogPhase(
  ctx: BenchContext,
  recorder: Recorder,
  rows: number,
): Promise<PhaseFigures> {
  const t = `${ctx.schema}.backlog`;
  const batch = 2_000;
  ctx.log(
    `backlog: committing ${rows} inserts, ${rows} updates, ${rows / 2} deletes with the collector stopped`,
  );
  for (let from = 1; from <= rows; from += batch) {
    const to = Math.min(rows, from + batch - 1);
    await ctx.admin.query(
      `INSERT INTO ${t} (id, payload) SELECT g, repeat(md5(g::text), 8) FROM generate_series(${from}, ${to}) g`,
    );
  }
  for (let from = 1; from <= rows; from += batch) {
    await ctx.admin.query(
      `UPDATE ${t} SET version = version + 1 WHERE id BETWEEN ${from} AND ${from + batch - 1}`,
    );
  }
  for (let from = 1; from <= rows / 2; from += batch) {
    await ctx.admin.query(
      `DELETE FROM ${t} WHERE id BETWEEN ${from} AND ${Math.min(rows / 2, from + batch - 1)}`,
    );
  }
  const changes = rows * 2 + rows / 2;
  recorder.reset();
  const started = performance.now();
  const collector = await startCollector(ctx, recorder);
  await caughtUp(ctx);
  const seconds = (performance.now() - started) / 1_000;
  await collector.stop();
  return {
    phase: 'collector capacity (backlog)',
    changes,
    events: recorder.events,
    seconds,
    latenciesMs: [],
    note: `${changes.toLocaleString('en-US')} changes in ${Math.ceil(changes / batch)} tx, 320-byte rows; from collector start to the slot confirming the end (latency n/a: a backlog)`,
  };
}
