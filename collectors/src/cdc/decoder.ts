/**
 * Turns pgoutput messages, in stream order, into Kafka records and commit marks. Pure apart from the
 * clock: the replication plumbing feeds it, tests feed it synthetic messages.
 *
 * - Relation messages (re)define a table's columns: schema changes arrive this way (no DDL in the WAL).
 * - Begin gives the commit time (pgoutput's own timestamp, Postgres epoch handled by the parser — not the
 *   stream header's, which is a week off) and the transaction id.
 * - Insert → `c`; update → `u`, or `d` + tombstone + `c` when the primary key changed; delete → `d` +
 *   tombstone; truncate → one `t` per table (null key).
 * - Commit → a mark: once every record before it is stored, the slot may be confirmed up to `endLsn`.
 */
import type { Pgoutput } from 'pg-logical-replication';
import type { ValueOptions } from './column-types';
import {
  type ChangePosition,
  envelope,
  keyOf,
  type Row,
  rowValues,
  type SourceIdentity,
  sourceBlock,
  type TableShape,
  type Tuple,
  tombstone,
  toSinkRecord,
} from './envelope';
import { CdcStreamError } from './errors';
import { type Lsn, parseLsn, parseOptionalLsn } from './lsn';

/** Prefix of the collector's own `pg_logical_emit_message` heartbeats. */
export const HEARTBEAT_PREFIX = 'inlet-cdc-heartbeat';

export type DecodedEvent =
  | {
      readonly kind: 'records';
      readonly records: ReturnType<typeof toSinkRecord>[];
      readonly commitTimeUs: bigint;
    }
  | { readonly kind: 'commit'; readonly endLsn: Lsn; readonly commitTimeUs: bigint };

export interface DecoderOptions {
  readonly identity: SourceIdentity;
  /** Topic of a table's events. */
  readonly topicFor: (schema: string, table: string) => string;
  /** Primary-key columns from the catalog, by `schema.table` (REPLICA IDENTITY FULL flags every column). */
  readonly primaryKeys: ReadonlyMap<string, readonly string[]>;
  readonly values?: ValueOptions;
  /** Processing-time clock, ms. Default `Date.now`. */
  readonly now?: () => number;
  /** Told about every change event built (metrics). Default: none. */
  readonly onChange?: (op: 'c' | 'u' | 'd' | 't') => void;
}

interface Transaction {
  readonly xid: number;
  readonly commitTimeUs: bigint;
}

export class PgoutputDecoder {
  private readonly shapes = new Map<number, TableShape>();
  private readonly now: () => number;
  private transaction: Transaction | undefined;
  private lastCommitLsn: Lsn | undefined;

  constructor(private readonly options: DecoderOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The shape a relation has now (for tests and logs). */
  shape(relationOid: number): TableShape | undefined {
    return this.shapes.get(relationOid);
  }

  /** One message; `headerLsn` is the XLogData position it came with. */
  handle(headerLsn: string, message: Pgoutput.Message): DecodedEvent | undefined {
    switch (message.tag) {
      case 'relation':
        this.relation(message);
        return undefined;
      case 'begin':
        this.transaction = { xid: message.xid, commitTimeUs: BigInt(message.commitTime as bigint) };
        return undefined;
      case 'commit': {
        const endLsn = parseOptionalLsn(message.commitEndLsn);
        if (endLsn === undefined) throw new CdcStreamError('pgoutput Commit without an end LSN');
        const commitTimeUs = BigInt(message.commitTime as bigint);
        this.lastCommitLsn = parseOptionalLsn(message.commitLsn) ?? this.lastCommitLsn;
        this.transaction = undefined;
        return { kind: 'commit', endLsn, commitTimeUs };
      }
      case 'insert':
      case 'update':
      case 'delete':
      case 'truncate':
        return this.change(headerLsn, message);
      default:
        // type, origin and logical messages (our heartbeats among them) carry no row change.
        return undefined;
    }
  }

  private relation(message: Pgoutput.MessageRelation): void {
    const qualified = `${message.schema}.${message.name}`;
    const fromCatalog = this.options.primaryKeys.get(qualified);
    // REPLICA IDENTITY FULL flags every column as "key": only trust the flags for DEFAULT/INDEX.
    const flagged = message.replicaIdentity === 'full' ? [] : message.keyColumns;
    this.shapes.set(message.relationOid, {
      schema: message.schema,
      table: message.name,
      columns: message.columns.map((c) => ({ name: c.name, typeOid: c.typeOid })),
      keyColumns: fromCatalog ?? flagged,
    });
  }

  private shapeOf(relation: Pgoutput.MessageRelation | undefined): TableShape {
    const shape = relation === undefined ? undefined : this.shapes.get(relation.relationOid);
    if (!shape) throw new CdcStreamError('a change arrived for a relation the stream never described');
    return shape;
  }

  private change(
    headerLsn: string,
    message:
      | Pgoutput.MessageInsert
      | Pgoutput.MessageUpdate
      | Pgoutput.MessageDelete
      | Pgoutput.MessageTruncate,
  ): DecodedEvent {
    const tx = this.transaction;
    if (!tx) throw new CdcStreamError(`a ${message.tag} arrived outside a transaction`);
    const position: ChangePosition = {
      commitTimeUs: tx.commitTimeUs,
      txId: tx.xid,
      lsn: parseLsn(headerLsn),
      lastCommitLsn: this.lastCommitLsn,
    };
    const { identity, values } = this.options;
    const now = this.now();
    const records: ReturnType<typeof toSinkRecord>[] = [];
    const emit = (
      shape: TableShape,
      op: 'c' | 'u' | 'd' | 't',
      before: Row | null,
      after: Row | null,
      key: string | null,
      headers?: Record<string, string>,
    ) => {
      const topic = this.options.topicFor(shape.schema, shape.table);
      const value = envelope(op, before, after, sourceBlock(identity, shape, position), now);
      records.push(toSinkRecord({ topic, op, key, value, ...(headers ? { headers } : {}) }));
      this.options.onChange?.(op);
      if (op === 'd' && key !== null) records.push(tombstone(topic, key, position.lsn));
    };
    const row = (shape: TableShape, tuple: Tuple) => rowValues(shape, tuple, values);

    if (message.tag === 'truncate') {
      for (const relation of message.relations) emit(this.shapeOf(relation), 't', null, null, null);
      return { kind: 'records', records, commitTimeUs: tx.commitTimeUs };
    }
    const shape = this.shapeOf(message.relation);
    if (message.tag === 'insert') {
      const after = row(shape, message.new);
      emit(shape, 'c', null, after, keyOf(shape, after));
    } else if (message.tag === 'update') {
      const after = row(shape, message.new);
      const old = message.old ?? message.key;
      const before = old === null ? null : row(shape, old);
      const newKey = keyOf(shape, after);
      const oldKey = before === null ? newKey : keyOf(shape, before);
      if (before !== null && oldKey !== newKey) {
        // A primary-key change, as Debezium sends it: delete + tombstone under the old key, create under the new.
        emit(shape, 'd', before, null, oldKey, newKey === null ? undefined : { '__debezium.newkey': newKey });
        emit(shape, 'c', null, after, newKey, oldKey === null ? undefined : { '__debezium.oldkey': oldKey });
      } else {
        emit(shape, 'u', message.old === null ? null : before, after, newKey);
      }
    } else {
      const old = message.old ?? message.key;
      const before = old === null ? null : row(shape, old);
      emit(shape, 'd', before, null, before === null ? null : keyOf(shape, before));
    }
    return { kind: 'records', records, commitTimeUs: tx.commitTimeUs };
  }
}
