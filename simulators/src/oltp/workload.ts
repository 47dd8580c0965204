/**
 * Runs the travel-booking workload against PostgreSQL: migrations, then `concurrency` workers that each
 * loop pick a transaction → BEGIN … COMMIT → record what changed, paced to `perSecond` changes.
 */

import { sleep } from '@inlet/schemas';
import pg from 'pg';
import { IdPools, loadPools } from './id-pools';
import type { ChangeLedger, RowChange } from './ledger';
import { migrate } from './migrations';
import { Pacer } from './pacer';
import { OLTP_PROFILES, type OltpProfile } from './profiles';
import { createRandom } from './random-data';
import { pickTransaction, TxScope } from './transactions';

export interface OltpWorkloadOptions {
  /** PostgreSQL URL to write to. Required. */
  readonly pgUrl: string;
  /** Schema holding the tables (created if missing). Default `public`. */
  readonly schema?: string;
  /** Default `seed`. */
  readonly profile?: OltpProfile;
  /** Target changes per second. Default: the profile's (seed 25/min, load unlimited). */
  readonly perSecond?: number;
  /** Connections running transactions at once. Default: the profile's (seed 1, load 4). */
  readonly concurrency?: number;
  /** Stop after this long, in ms. Default: never (use `signal` or `maxChanges`). */
  readonly durationMs?: number;
  /** Stop once at least this many changes committed. Default: no limit. */
  readonly maxChanges?: number;
  /** PRNG seed. Default: random. */
  readonly seed?: number;
  /** Receives every committed change. Default: none. */
  readonly ledger?: ChangeLedger;
  /** Called after each commit with its changes. Default: none. */
  readonly onCommit?: (changes: readonly RowChange[], kind: string) => void;
  /** Stops the workers (transactions in flight finish). */
  readonly signal?: AbortSignal;
  /** Apply migrations first. Default true. */
  readonly migrate?: boolean;
  /** Called once the tables exist (after the migrations), before the first transaction. Default: none. */
  readonly onReady?: () => void;
}

export interface OltpRunStats {
  readonly transactions: number;
  readonly changes: number;
  /** Transactions rolled back on an expected conflict (foreign key, unique, check, deadlock). */
  readonly aborted: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly elapsedMs: number;
  readonly changesPerSecond: number;
}

export class OltpConfigError extends Error {
  override readonly name = 'OltpConfigError';
}
export const isOltpConfigError = (e: unknown): e is OltpConfigError =>
  e instanceof Error && e.name === 'OltpConfigError';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Conflicts two workers can cause each other: the transaction is dropped, the workload goes on. */
const CONFLICT_CODES = new Set(['23503', '23505', '23514', '40001', '40P01']);
const isConflict = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  CONFLICT_CODES.has(String((error as { code?: unknown }).code));

function resolve(options: OltpWorkloadOptions) {
  const profile = OLTP_PROFILES[options.profile ?? 'seed'];
  if (!profile) throw new OltpConfigError(`unknown profile "${options.profile}": use seed or load`);
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new OltpConfigError(`schema "${schema}" must be a lower-case SQL identifier ([a-z_][a-z0-9_]*)`);
  }
  const perSecond = options.perSecond ?? profile.perSecond;
  if (!(perSecond > 0)) throw new OltpConfigError('rate must be a positive number of changes per second');
  const concurrency = options.concurrency ?? profile.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new OltpConfigError('concurrency must be an integer from 1 to 64');
  }
  return {
    schema,
    perSecond,
    concurrency,
    durationMs: options.durationMs ?? Number.POSITIVE_INFINITY,
    maxChanges: options.maxChanges ?? Number.POSITIVE_INFINITY,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
  };
}

/** Runs the workload until `durationMs`, `maxChanges` or `signal`; resolves with what it did. */
export async function runOltpWorkload(options: OltpWorkloadOptions): Promise<OltpRunStats> {
  const config = resolve(options);
  const pool = new pg.Pool({
    connectionString: options.pgUrl,
    max: config.concurrency,
    options: `-c search_path=${config.schema}`,
    connectionTimeoutMillis: 10_000,
  });
  // A pooled connection that dies (server restart or shutdown) must not crash the process: idle ones
  // report on the pool, checked-out ones on the client (their query then rejects and is counted).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const pools = new IdPools();
  const byKind: Record<string, number> = {};
  let transactions = 0;
  let changes = 0;
  let aborted = 0;
  try {
    const setup = await pool.connect();
    try {
      if (options.migrate ?? true) await migrate(setup, config.schema);
      await loadPools(setup, pools);
    } finally {
      setup.release();
    }
    options.onReady?.();
    const pacer = new Pacer({ perSecond: config.perSecond });
    const started = performance.now();
    let failure: unknown;
    const done = () =>
      failure !== undefined ||
      options.signal?.aborted === true ||
      changes >= config.maxChanges ||
      performance.now() - started >= config.durationMs;

    const worker = async (index: number) => {
      const random = createRandom(config.seed + index * 7_919);
      while (!done()) {
        const wait = Math.min(pacer.delayMs(), config.durationMs - (performance.now() - started));
        if (wait > 0) await sleep(wait, { signal: options.signal });
        if (done()) break;
        const [kind, transaction] = pickTransaction(random);
        const scope = new TxScope(pools, random);
        const client = await pool.connect();
        let rows: RowChange[];
        try {
          await client.query('BEGIN');
          rows = await transaction(client, scope);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          scope.aborted();
          if (!isConflict(error)) throw error;
          aborted += 1;
          continue;
        } finally {
          client.release();
        }
        scope.committed();
        transactions += 1;
        changes += rows.length;
        byKind[kind] = (byKind[kind] ?? 0) + 1;
        pacer.consume(rows.length);
        options.ledger?.record(rows);
        options.onCommit?.(rows, kind);
      }
    };
    await Promise.all(
      Array.from({ length: config.concurrency }, (_, i) =>
        worker(i).catch((error: unknown) => {
          failure ??= error ?? new Error('workload worker failed');
        }),
      ),
    );
    if (failure !== undefined) throw failure;
    const elapsedMs = performance.now() - started;
    return {
      transactions,
      changes,
      aborted,
      byKind,
      elapsedMs,
      changesPerSecond: elapsedMs > 0 ? (changes * 1_000) / elapsedMs : 0,
    };
  } finally {
    await pool.end();
  }
}
