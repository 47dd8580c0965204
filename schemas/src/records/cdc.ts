/**
 * CDC change events in Debezium's envelope, as its PostgreSQL connector writes them with the JSON
 * converter and `schemas.enable=false`, so existing Debezium consumers read Inlet's topic unchanged.
 * A delete is followed by a tombstone (same key, null value); tombstones have no value to validate.
 */
import * as z from 'zod';

/** `c` create, `u` update, `d` delete, `r` read (snapshot), `t` truncate. */
export const CDC_OPS = { create: 'c', update: 'u', delete: 'd', read: 'r', truncate: 't' } as const;
export type CdcOp = (typeof CDC_OPS)[keyof typeof CDC_OPS];

/**
 * `source.snapshot`, as Debezium's `SnapshotRecord` enum writes it (lower-cased); absent or
 * `"false"` while streaming.
 */
export const SNAPSHOT_MARKERS = [
  'true',
  'first',
  'first_in_data_collection',
  'last_in_data_collection',
  'last',
  'false',
  'incremental',
] as const;
export type SnapshotMarker = (typeof SNAPSHOT_MARKERS)[number];

const int64 = z.int().nonnegative();
/** Epoch nanoseconds exceed 2^53: they arrive as JSON numbers that JavaScript rounds. */
const nanos = z.number().nonnegative();

/** One row, column name → value (Debezium's JSON encoding of the column's type). */
export const CdcRowSchema = z.record(z.string(), z.unknown());

export const CdcSourceSchema = z.looseObject({
  version: z.string(),
  connector: z.string(),
  /** The logical server name (`topic.prefix`). */
  name: z.string(),
  /** Commit time in the database, epoch milliseconds. */
  ts_ms: int64,
  ts_us: int64.optional(),
  ts_ns: nanos.optional(),
  snapshot: z.enum(SNAPSHOT_MARKERS).optional(),
  db: z.string(),
  /** JSON text of `[lastCommitLsn, currentLsn]` as strings, e.g. `["24023119","24023128"]`. */
  sequence: z.string().nullable().optional(),
  schema: z.string(),
  table: z.string(),
  txId: int64.nullable().optional(),
  lsn: int64.nullable().optional(),
  xmin: int64.nullable().optional(),
});
export type CdcSource = z.output<typeof CdcSourceSchema>;

/** Present when transaction metadata is on (`provide.transaction.metadata`). */
export const CdcTransactionSchema = z.looseObject({
  /** `"<txId>:<lsn>"`. */
  id: z.string(),
  total_order: int64,
  data_collection_order: int64,
});

export const CdcChangeRecordSchema = z.looseObject({
  before: CdcRowSchema.nullable(),
  after: CdcRowSchema.nullable(),
  source: CdcSourceSchema,
  op: z.enum(CDC_OPS),
  /** When the connector processed the change, epoch milliseconds. */
  ts_ms: int64,
  ts_us: int64.optional(),
  ts_ns: nanos.optional(),
  transaction: CdcTransactionSchema.nullable().optional(),
});
export type CdcChangeRecord = z.output<typeof CdcChangeRecordSchema>;
