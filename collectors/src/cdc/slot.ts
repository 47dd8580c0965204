/**
 * The replication slot: its state, and how it is made. For a snapshot consistent with the stream, a
 * TEMPORARY slot is created with EXPORT_SNAPSHOT; the snapshot reads in that exported snapshot; only once
 * every snapshot record is stored is the temporary slot copied into the permanent one (same consistent
 * point). A crash mid-snapshot therefore leaves no permanent slot, and the restart snapshots again —
 * Debezium's "if the connector stops during a snapshot, it begins a new snapshot when it restarts".
 */
import type pg from 'pg';
import { CdcConfigError } from './errors';
import { type Lsn, parseOptionalLsn } from './lsn';
import { connect } from './pg-connect';

export const SLOT_NAME = /^[a-z0-9_]{1,63}$/;

export interface SlotState {
  readonly plugin: string;
  readonly database: string;
  readonly active: boolean;
  readonly activePid: number | null;
  readonly confirmedFlush: Lsn | undefined;
  readonly restartLsn: Lsn | undefined;
}

export async function slotState(client: pg.ClientBase, slot: string): Promise<SlotState | undefined> {
  const { rows } = await client.query<{
    plugin: string;
    database: string;
    active: boolean;
    active_pid: number | null;
    confirmed_flush_lsn: string | null;
    restart_lsn: string | null;
  }>(
    `SELECT plugin, database, active, active_pid, confirmed_flush_lsn::text, restart_lsn::text
     FROM pg_replication_slots WHERE slot_name = $1`,
    [slot],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    plugin: row.plugin,
    database: row.database,
    active: row.active,
    activePid: row.active_pid,
    confirmedFlush: parseOptionalLsn(row.confirmed_flush_lsn),
    restartLsn: parseOptionalLsn(row.restart_lsn),
  };
}

/** Throws a `CdcConfigError` if an existing slot cannot be ours to stream from. */
export function checkSlot(slot: string, state: SlotState, database: string): void {
  if (state.plugin !== 'pgoutput') {
    throw new CdcConfigError(`replication slot "${slot}" uses the ${state.plugin} plugin, not pgoutput`, {
      fix: `pick another name with --slot, or drop it: SELECT pg_drop_replication_slot('${slot}');`,
    });
  }
  if (state.database !== database) {
    throw new CdcConfigError(
      `replication slot "${slot}" belongs to database "${state.database}", not "${database}"`,
      {
        fix: 'pick another name with --slot (slot names are cluster-wide).',
      },
    );
  }
  if (state.active) {
    throw new CdcConfigError(`replication slot "${slot}" is in use by backend pid ${state.activePid}`, {
      fix: 'stop the other inlet-cdc (or consumer) using it, or pick another --slot.',
    });
  }
}

/** WAL the slot keeps on the server's disk, in bytes (what an idle or stuck collector costs). */
export async function retainedWalBytes(client: pg.ClientBase, slot: string): Promise<number | undefined> {
  const { rows } = await client.query<{ bytes: string | null }>(
    `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::text AS bytes FROM pg_replication_slots WHERE slot_name = $1`,
    [slot],
  );
  const bytes = rows[0]?.bytes;
  return bytes === null || bytes === undefined ? undefined : Number(bytes);
}

function slotError(error: unknown, slot: string): unknown {
  const code = (error as { code?: string }).code;
  if (code === '53400') {
    return new CdcConfigError(`cannot create replication slot "${slot}": ${(error as Error).message}`, {
      fix: 'drop unused slots (SELECT slot_name, active FROM pg_replication_slots) or raise max_replication_slots and restart.',
    });
  }
  return error;
}

/** Creates the permanent slot with no snapshot (snapshot modes `never`, or `always` with a new slot). */
export async function createSlot(client: pg.ClientBase, slot: string): Promise<Lsn | undefined> {
  try {
    const { rows } = await client.query<{ lsn: string }>(
      `SELECT lsn::text FROM pg_create_logical_replication_slot($1, 'pgoutput')`,
      [slot],
    );
    return parseOptionalLsn(rows[0]?.lsn);
  } catch (error) {
    throw slotError(error, slot);
  }
}

export interface ExportedSnapshot {
  /** `SET TRANSACTION SNAPSHOT` argument; valid while `hold` stays open and idle. */
  readonly snapshotName: string;
  /** Where the stream starts once the slot is persisted. */
  readonly consistentPoint: Lsn;
  /** Copies the temporary slot into the permanent `slot` (call after the snapshot is stored). */
  persist(client: pg.ClientBase): Promise<void>;
  /** Closes the replication connection: the temporary slot and exported snapshot go with it. */
  release(): Promise<void>;
}

/** A temporary slot exporting its snapshot, on a replication connection kept open until `release()`. */
export async function exportSnapshot(url: string, slot: string): Promise<ExportedSnapshot> {
  const temporary = `${slot.slice(0, 56)}_snap`;
  const replication = await connect(url, { replication: true });
  try {
    const { rows } = await replication.query<{ consistent_point: string; snapshot_name: string }>(
      `CREATE_REPLICATION_SLOT ${temporary} TEMPORARY LOGICAL pgoutput EXPORT_SNAPSHOT`,
    );
    const row = rows[0];
    const consistentPoint = parseOptionalLsn(row?.consistent_point);
    if (!row || consistentPoint === undefined)
      throw new Error('CREATE_REPLICATION_SLOT returned no snapshot');
    return {
      snapshotName: row.snapshot_name,
      consistentPoint,
      async persist(client) {
        try {
          await client.query('SELECT pg_copy_logical_replication_slot($1, $2, false)', [temporary, slot]);
        } catch (error) {
          throw slotError(error, slot);
        }
      },
      release: () => replication.end().catch(() => {}),
    };
  } catch (error) {
    await replication.end().catch(() => {});
    throw slotError(error, temporary);
  }
}

export async function dropSlot(client: pg.ClientBase, slot: string): Promise<boolean> {
  const { rowCount } = await client.query(
    'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1',
    [slot],
  );
  return (rowCount ?? 0) > 0;
}
