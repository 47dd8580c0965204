/**
 * The seam every server-side part of Inlet writes through: a `Sink` stores records durably
 * (Kafka, the local log, or memory in tests) and a `TopicReader` reads them back.
 */

/** One record to store. The caller serializes the value once (JSON text, usually); the sink never re-encodes it. */
export interface SinkRecord {
  readonly topic: string;
  /** Partitioning and compaction key; `null` lets Kafka spread keyless records over partitions. */
  readonly key: string | null;
  /** Serialized value; `null` is a tombstone (deletes the key in a compacted topic). */
  readonly value: string | Uint8Array | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds since the epoch; the sink stamps `Date.now()` when absent. */
  readonly timestamp?: number;
}

/** Where an append landed in one topic-partition. */
export interface AppendPosition {
  readonly topic: string;
  readonly partition: number;
  /**
   * First offset written. Local log and MemorySink: this call's first record. Kafka: concurrent calls are
   * coalesced into one produce request, so this is where that request started in the partition.
   */
  readonly baseOffset: string;
  /** Last offset of this call's records in the partition; known by the local log and MemorySink only. */
  readonly lastOffset?: string;
}

export interface AppendResult {
  /** Records durably stored: always every record passed to `append`. */
  readonly count: number;
  readonly positions: readonly AppendPosition[];
}

export const SINK_STATES = ['starting', 'ready', 'unavailable', 'closed'] as const;
export type SinkState = (typeof SINK_STATES)[number];

export interface SinkHealth {
  readonly kind: 'kafka' | 'local-log' | 'memory';
  readonly state: SinkState;
  /** Same as `Sink.ready()`: the last thing we know says appends can succeed. */
  readonly ready: boolean;
  /** Kafka only: producer connection as reported by kafkajs instrumentation events. */
  readonly connection?: 'connecting' | 'connected' | 'disconnected';
  readonly lastError?: { readonly message: string; readonly at: number };
}

export interface Sink {
  /**
   * Stores every record and resolves only once all of them are durable (Kafka acknowledged with
   * acks=-1, or written and fsynced to the local log). Rejects with a `SinkError` otherwise; then some
   * records may still have been stored (retrying gives at-least-once delivery, never loss).
   */
  append(records: readonly SinkRecord[]): Promise<AppendResult>;
  ready(): boolean;
  health(): SinkHealth;
  /** Waits for appends in flight, then releases connections and files. Idempotent. */
  close(): Promise<void>;
}

/** A record as read back. */
export interface StoredRecord {
  readonly topic: string;
  readonly partition: number;
  /** Decimal int64, as Kafka spells offsets (`BigInt(offset)` to do arithmetic). */
  readonly offset: string;
  readonly key: string | null;
  /** Header values as UTF-8 text; of repeated Kafka header keys the last one wins. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: number;
  /** Text, or bytes for binary records (local log, MemorySink) and for the Kafka reader with `binary: true`. */
  readonly value: string | Uint8Array | null;
}

export interface ReadOptions {
  /** First offset to read, in every partition. Default: the earliest retained. */
  readonly fromOffset?: string | number;
  /** Stops the iteration (it then ends without error). */
  readonly signal?: AbortSignal;
}

export interface TopicReader {
  /** Reads from `fromOffset` to the end the topic had when the read started, then ends. */
  readTopic(topic: string, options?: ReadOptions): AsyncIterable<StoredRecord>;
}
