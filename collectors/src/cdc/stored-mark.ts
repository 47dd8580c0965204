/**
 * Skipping, after a restart, the change events the sink already has. The slot resumes at its confirmed
 * position, so the batch that was in flight when the collector died comes again. Its stored part can be
 * recognised from the last records of each partition: a change's place in the stream is Debezium's
 * `source.sequence` `[last commit LSN, change LSN]` plus the transaction id.
 *
 * Safety first, never a gap: a partition holds a prefix of the stream's records for that partition
 * (one append at a time, idempotent producer), but a killed append may have reached one partition and
 * not another, so the mark of a topic is the EARLIEST of its partitions' last records, and any doubt (an
 * empty partition, positions that cannot be ordered) means no mark: skip nothing.
 */
import type { SinkRecord, StoredRecord } from '@inlet/streams';
import type { Lsn } from './lsn';

export interface StreamPosition {
  readonly txId: number | null;
  /** The commit before this change's transaction; unknown for the first transaction after a start. */
  readonly lastCommit: Lsn | undefined;
  readonly lsn: Lsn;
}

const STREAM_OPS = new Set(['c', 'u', 'd', 't']);
const DIGITS = /^\d+$/;

/** The position of a stored change event of server `serverName`; undefined for anything else. */
export function positionOf(
  value: string | Uint8Array | null,
  serverName: string,
): StreamPosition | undefined {
  if (value === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof value === 'string' ? value : Buffer.from(value).toString('utf8'));
  } catch {
    return undefined;
  }
  const event = parsed as { op?: unknown; source?: { name?: unknown; sequence?: unknown; txId?: unknown } };
  const source = event?.source;
  if (!source || source.name !== serverName || !STREAM_OPS.has(String(event.op))) return undefined;
  let sequence: unknown;
  try {
    sequence = JSON.parse(String(source.sequence));
  } catch {
    return undefined;
  }
  if (!Array.isArray(sequence) || sequence.length !== 2) return undefined;
  const [last, lsn] = sequence as unknown[];
  if (typeof lsn !== 'string' || !DIGITS.test(lsn)) return undefined;
  if (last !== null && (typeof last !== 'string' || !DIGITS.test(last))) return undefined;
  return {
    txId: typeof source.txId === 'number' ? source.txId : null,
    lastCommit: last === null ? undefined : BigInt(last),
    lsn: BigInt(lsn),
  };
}

/** Whether `a` comes at or before `b` in the stream; undefined when the positions cannot tell. */
export function atOrBefore(a: StreamPosition, b: StreamPosition): boolean | undefined {
  if (a.txId !== null && a.txId === b.txId) return a.lsn <= b.lsn;
  if (a.lastCommit === undefined || b.lastCommit === undefined || a.lastCommit === b.lastCommit)
    return undefined;
  return a.lastCommit < b.lastCommit;
}

/**
 * Whether a change decoded after a restart at `confirmedAtStart` is at or before the stored `mark`.
 * The first transaction after a start has no last commit; it precedes every mark whose last commit is
 * at or after the start (that mark's previous transaction committed after the start).
 */
export function alreadyStored(change: StreamPosition, mark: StreamPosition, confirmedAtStart: Lsn): boolean {
  if (change.txId !== null && change.txId === mark.txId) return change.lsn <= mark.lsn;
  if (mark.lastCommit === undefined) return false;
  if (change.lastCommit === undefined) return mark.lastCommit >= confirmedAtStart;
  return atOrBefore(change, mark) === true;
}

export type MarkResult =
  | { readonly mark: StreamPosition; readonly reason?: undefined }
  | { readonly mark?: undefined; readonly reason: string };

/**
 * The mark of one topic from its partitions' last records (each partition's in offset order): the
 * earliest of each partition's last change event.
 */
export function topicMark(
  partitions: ReadonlyMap<number, readonly StoredRecord[]>,
  serverName: string,
): MarkResult {
  if (partitions.size === 0) return { reason: 'the topic is empty' };
  let mark: StreamPosition | undefined;
  for (const [partition, records] of partitions) {
    let last: StreamPosition | undefined;
    for (const r of records) last = positionOf(r.value, serverName) ?? last;
    if (!last) return { reason: `partition ${partition} ends without a change event of "${serverName}"` };
    if (mark === undefined) {
      mark = last;
      continue;
    }
    const order = atOrBefore(last, mark);
    if (order === undefined) return { reason: `the ends of the partitions cannot be ordered` };
    if (order) mark = last;
  }
  return mark ? { mark } : { reason: 'the topic is empty' };
}

/** Drops, in stream order, the changes at or before their topic's mark; stops looking once past them. */
export class StoredFilter {
  private readonly marks: Map<string, StreamPosition>;
  skipped = 0;

  constructor(
    marks: ReadonlyMap<string, StreamPosition>,
    private readonly serverName: string,
    private readonly confirmedAtStart: Lsn,
  ) {
    this.marks = new Map(marks);
  }

  /** True while some topic's mark is not yet passed. */
  get active(): boolean {
    return this.marks.size > 0;
  }

  /** The records of one decoded change: true if they are already stored (skip them all). */
  skip(records: readonly SinkRecord[]): boolean {
    const first = records[0];
    const mark = first && this.marks.get(first.topic);
    if (!first || !mark) return false;
    const valued = records.filter((r) => r.value !== null);
    const position = valued[0] && positionOf(valued[0].value as string, this.serverName);
    // A change of several events (a primary-key change: delete + create) equal to the mark may be
    // stored only in part: send it again.
    const equal = position !== undefined && position.txId === mark.txId && position.lsn === mark.lsn;
    if (position && alreadyStored(position, mark, this.confirmedAtStart) && !(equal && valued.length > 1)) {
      this.skipped += valued.length;
      if (equal) this.marks.delete(first.topic);
      return true;
    }
    this.marks.delete(first.topic);
    return false;
  }
}
