/**
 * The initial snapshot: every row of the captured tables as `op: "r"`, read in one REPEATABLE READ
 * transaction — in the slot's exported snapshot when there is one, so the stream continues exactly where
 * the snapshot ends (no gap, no overlap). Rows are fetched through a cursor page by page and pushed into
 * the same ordered `Outbound` the stream uses.
 */
import type { SnapshotMarker } from '@inlet/schemas';
import type { SinkRecord } from '@inlet/streams';
import type { ValueOptions } from './column-types';
import {
  envelope,
  keyOf,
  type Row,
  rowValues,
  type SourceIdentity,
  sourceBlock,
  type TableShape,
  toSinkRecord,
} from './envelope';
import type { Lsn } from './lsn';
import type { Outbound } from './outbound';
import { connect, quoteLiteral } from './pg-connect';
import { qualified, quoted, type TableRef } from './tables';

export interface SnapshotOptions {
  readonly url: string;
  readonly tables: readonly TableRef[];
  /** Exported snapshot to read in; without one the transaction takes its own (mode `always`). */
  readonly snapshotName?: string;
  /** `source.lsn` of snapshot events: the slot's consistent point (or confirmed position). */
  readonly lsn: Lsn;
  readonly identity: SourceIdentity;
  readonly topicFor: (schema: string, table: string) => string;
  readonly primaryKeys: ReadonlyMap<string, readonly string[]>;
  readonly values?: ValueOptions;
  readonly outbound: Outbound;
  /** Rows per FETCH. Default 2 000. */
  readonly pageRows?: number;
  readonly signal?: AbortSignal;
  /** Clock, ms. Default `Date.now`. */
  readonly now?: () => number;
}

/** Debezium's `source.snapshot` for a record, by where it sits in the whole snapshot and in its table. */
export function snapshotMarker(at: {
  firstOverall: boolean;
  lastOverall: boolean;
  firstInTable: boolean;
  lastInTable: boolean;
}): SnapshotMarker {
  if (at.firstOverall) return 'first';
  if (at.lastOverall) return 'last';
  if (at.lastInTable) return 'last_in_data_collection';
  if (at.firstInTable) return 'first_in_data_collection';
  return 'true';
}

/** Reads every captured table into `outbound`; resolves with the row count once it is all stored. */
export async function runSnapshot(options: SnapshotOptions): Promise<number> {
  const now = options.now ?? Date.now;
  const client = await connect(options.url, { rawText: true });
  const startedMs = now();
  const position = {
    commitTimeUs: BigInt(startedMs) * 1_000n,
    txId: null,
    lsn: options.lsn,
    lastCommitLsn: undefined,
  };
  let total = 0;
  // One record of look-ahead, so the last one of a table and of the snapshot can be marked as such.
  let pending: { shape: TableShape; row: Row; firstInTable: boolean; lastInTable: boolean } | undefined;
  const flush = async (lastOverall: boolean) => {
    if (!pending) return;
    const { shape, row, firstInTable, lastInTable } = pending;
    const marker = snapshotMarker({ firstOverall: total === 0, lastOverall, firstInTable, lastInTable });
    const source = sourceBlock(options.identity, shape, { ...position, snapshot: marker });
    const record: SinkRecord = toSinkRecord({
      topic: options.topicFor(shape.schema, shape.table),
      op: 'r',
      key: keyOf(shape, row),
      value: envelope('r', null, row, source, now()),
    });
    options.outbound.push([record], startedMs);
    total += 1;
    pending = undefined;
    await options.outbound.room();
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (options.snapshotName !== undefined) {
      await client.query(`SET TRANSACTION SNAPSHOT ${quoteLiteral(options.snapshotName)}`);
    }
    for (const table of options.tables) {
      await client.query(`DECLARE inlet_snapshot NO SCROLL CURSOR FOR SELECT * FROM ${quoted(table)}`);
      let firstInTable = true;
      for (;;) {
        if (options.signal?.aborted) throw new Error('snapshot stopped');
        const page = await client.query<Record<string, string | null>>(
          `FETCH FORWARD ${options.pageRows ?? 2_000} FROM inlet_snapshot`,
        );
        const shape: TableShape = {
          schema: table.schema,
          table: table.table,
          columns: page.fields.map((f) => ({ name: f.name, typeOid: f.dataTypeID })),
          keyColumns: options.primaryKeys.get(qualified(table)) ?? [],
        };
        for (const tuple of page.rows) {
          await flush(false);
          pending = { shape, row: rowValues(shape, tuple, options.values), firstInTable, lastInTable: false };
          firstInTable = false;
        }
        if (page.rows.length === 0) break;
      }
      await client.query('CLOSE inlet_snapshot');
      if (pending && !firstInTable) pending.lastInTable = true;
    }
    await flush(true);
    await client.query('COMMIT');
  } finally {
    await client.end().catch(() => {});
  }
  await options.outbound.drained();
  const failure = options.outbound.failed;
  if (failure) throw failure;
  return total;
}
