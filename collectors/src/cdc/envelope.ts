/**
 * Debezium's change envelope `{before, after, source, op, ts_ms}` and its Kafka key (the primary key as a
 * JSON object, like Debezium's JSON converter with `schemas.enable=false`), validated with the shared
 * `CdcChangeRecordSchema` so a drift from the contract fails loudly instead of reaching consumers.
 */
import {
  CDC_OPS,
  type CdcChangeRecord,
  CdcChangeRecordSchema,
  type CdcOp,
  type CdcSource,
  type SnapshotMarker,
} from '@inlet/schemas';
import type { SinkRecord } from '@inlet/streams';
import { columnValue, type ValueOptions } from './column-types';
import { CdcStreamError } from './errors';
import { type Lsn, lsnNumber } from './lsn';

/** What Debezium's `source` block says about the connector. */
export interface SourceIdentity {
  /** Collector version, e.g. `0.1.0.Inlet` (Debezium writes `2.7.0.Final`). */
  readonly version: string;
  /** Logical server name, Debezium's `topic.prefix`. */
  readonly name: string;
  /** Database name. */
  readonly db: string;
}

export interface ColumnShape {
  readonly name: string;
  readonly typeOid: number;
}

/** A captured table as the last Relation message (or the catalog, for the snapshot) described it. */
export interface TableShape {
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly ColumnShape[];
  /** Primary-key columns: the Kafka key. Empty for a table without one (key null). */
  readonly keyColumns: readonly string[];
}

/** Where a change sits in the database's history. */
export interface ChangePosition {
  /** Commit time, µs since the Unix epoch (from pgoutput's Begin, or the snapshot's start). */
  readonly commitTimeUs: bigint;
  readonly txId: number | null;
  /** The change's own LSN (the snapshot's consistent point for `r` events). */
  readonly lsn: Lsn;
  /** The last commit LSN before this change, for `source.sequence`. */
  readonly lastCommitLsn: Lsn | undefined;
  /** `source.snapshot`; default `"false"`. */
  readonly snapshot?: SnapshotMarker;
}

/** A decoded tuple: text per column, null, or undefined for an unchanged TOAST value. */
export type Tuple = Readonly<Record<string, string | null | undefined>>;
export type Row = Record<string, unknown>;

export const CONNECTOR = 'postgresql';

/** Column values by type; columns absent from the tuple (a key-only old tuple) are null. */
export function rowValues(shape: TableShape, tuple: Tuple, options: ValueOptions = {}): Row {
  const row: Row = {};
  for (const column of shape.columns) {
    row[column.name] = column.name in tuple ? columnValue(column.typeOid, tuple[column.name], options) : null;
  }
  return row;
}

/** The Kafka key: `{"id":1}` (primary-key columns in table order), or null without a primary key. */
export function keyOf(shape: TableShape, row: Row): string | null {
  if (shape.keyColumns.length === 0) return null;
  const key: Row = {};
  for (const column of shape.keyColumns) key[column] = row[column] ?? null;
  return JSON.stringify(key);
}

export function sourceBlock(
  identity: SourceIdentity,
  shape: TableShape,
  position: ChangePosition,
): CdcSource {
  const us = position.commitTimeUs;
  return {
    version: identity.version,
    connector: CONNECTOR,
    name: identity.name,
    ts_ms: Number(us / 1_000n),
    ts_us: Number(us),
    ts_ns: Number(us * 1_000n),
    snapshot: position.snapshot ?? 'false',
    db: identity.db,
    sequence: JSON.stringify([
      position.lastCommitLsn === undefined ? null : String(position.lastCommitLsn),
      String(position.lsn),
    ]),
    schema: shape.schema,
    table: shape.table,
    txId: position.txId,
    lsn: lsnNumber(position.lsn),
    xmin: null,
  };
}

/** The envelope, checked against the shared schema. `nowMs` is when the collector processed it. */
export function envelope(
  op: CdcOp,
  before: Row | null,
  after: Row | null,
  source: CdcSource,
  nowMs: number,
): CdcChangeRecord {
  const record = { before, after, source, op, ts_ms: nowMs, ts_us: nowMs * 1_000, ts_ns: nowMs * 1_000_000 };
  const checked = CdcChangeRecordSchema.safeParse(record);
  if (!checked.success) {
    throw new CdcStreamError(
      `built a change event that breaks the shared CDC schema (${checked.error.issues[0]?.message}) for ${source.schema}.${source.table}`,
    );
  }
  return record;
}

/** A header so a restarted collector (and people) can tell where a record came from in the WAL. */
export const LSN_HEADER = 'inlet-cdc-lsn';

export interface ChangeRecordInput {
  readonly topic: string;
  readonly op: CdcOp;
  readonly key: string | null;
  readonly value: CdcChangeRecord;
  readonly headers?: Readonly<Record<string, string>>;
}

export function toSinkRecord(input: ChangeRecordInput): SinkRecord {
  return {
    topic: input.topic,
    key: input.key,
    value: JSON.stringify(input.value),
    headers: { [LSN_HEADER]: String(input.value.source.lsn ?? ''), ...input.headers },
  };
}

/** A delete's tombstone: same key, null value, so log compaction can drop the row. */
export const tombstone = (topic: string, key: string | null, lsn: Lsn): SinkRecord => ({
  topic,
  key,
  value: null,
  headers: { [LSN_HEADER]: String(lsn) },
});

export { CDC_OPS };
