/**
 * The state store in PostgreSQL (when `PG_URL` is set): the whole state as one jsonb row per state
 * name, replaced in one statement (atomic), runs as rows, and a session advisory lock held on a
 * dedicated connection so two collectors never share a state.
 */
import pg from 'pg';
import { StateLockedError } from './errors';
import { type CollectorState, emptyState, type RunFilter, type RunRecord, type StateStore } from './state';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS inlet_external_state (
  name text PRIMARY KEY,
  state jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS inlet_external_runs (
  seq bigserial PRIMARY KEY,
  name text NOT NULL,
  source text NOT NULL,
  run_id text NOT NULL,
  status text NOT NULL,
  interval_start timestamptz NOT NULL,
  interval_end timestamptz NOT NULL,
  run jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS inlet_external_runs_name_source ON inlet_external_runs (name, source, seq);
`;

export interface PgStateStoreOptions {
  /** Which state in the tables (several collectors can share a database). Default: `default`. */
  name?: string;
  /** Take the advisory lock (writers). Default: true; `false` to read the history only. */
  lock?: boolean;
}

export class PgStateStore implements StateStore {
  #closed = false;
  private constructor(
    private readonly pool: pg.Pool,
    private readonly lockClient: pg.PoolClient | undefined,
    readonly name: string,
  ) {}

  static async open(url: string, options: PgStateStoreOptions = {}): Promise<PgStateStore> {
    const name = options.name ?? 'default';
    const pool = new pg.Pool({ connectionString: url, max: 3 });
    try {
      await pool.query(SCHEMA);
      let lockClient: pg.PoolClient | undefined;
      if (options.lock ?? true) {
        lockClient = await pool.connect();
        const { rows } = await lockClient.query<{ ok: boolean }>(
          "SELECT pg_try_advisory_lock(hashtext('inlet-external:' || $1::text)) AS ok",
          [name],
        );
        if (!rows[0]?.ok) {
          lockClient.release();
          throw new StateLockedError(`postgres:${name}`);
        }
      }
      return new PgStateStore(pool, lockClient, name);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async load(): Promise<CollectorState> {
    const { rows } = await this.pool.query<{ state: CollectorState }>(
      'SELECT state FROM inlet_external_state WHERE name = $1',
      [this.name],
    );
    return rows[0]?.state ?? emptyState();
  }

  async save(state: CollectorState): Promise<void> {
    await this.pool.query(
      `INSERT INTO inlet_external_state (name, state) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
      [this.name, JSON.stringify(state)],
    );
  }

  async appendRun(run: RunRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO inlet_external_runs (name, source, run_id, status, interval_start, interval_end, run)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [this.name, run.source, run.runId, run.status, run.intervalStart, run.intervalEnd, JSON.stringify(run)],
    );
  }

  async readRuns(filter: RunFilter = {}): Promise<RunRecord[]> {
    const { rows } = await this.pool.query<{ run: RunRecord }>(
      `SELECT run FROM inlet_external_runs
       WHERE name = $1 AND ($2::text IS NULL OR source = $2)
       ORDER BY seq DESC LIMIT $3`,
      [this.name, filter.source ?? null, filter.limit ?? null],
    );
    return rows.map((r) => r.run).reverse();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Ending the session releases the advisory lock.
    this.lockClient?.release(true);
    await this.pool.end();
  }
}
