/**
 * A tail: follows many topics at once from "now minus a bounded backlog" and hands each record to a
 * callback, for live views (the demo's pipeline console). Unlike `readTopic` it never ends by itself.
 */
import type { StoredRecord } from '../sink';

export interface TailOptions {
  /** Topic names to follow. Required. */
  readonly topics: readonly string[];
  /** Called once per record, in order within a partition. Required. */
  readonly onRecord: (record: StoredRecord) => void;
  /** How many of the newest records per partition to deliver first. Default 100. */
  readonly backlog?: number;
  /** Called when reading fails; the tail keeps trying. Default: ignored. */
  readonly onError?: (error: unknown) => void;
}

export interface TailStatus {
  /** Reading works (Kafka: the consumer runs; local: at least one log directory is readable). */
  readonly readable: boolean;
  /** Topics being followed now (a local topic whose directory does not exist yet is not). */
  readonly following: readonly string[];
  readonly lastError?: string;
}

export interface Tail {
  status(): TailStatus;
  /** Stops reading and releases connections and files. Idempotent. */
  close(): Promise<void>;
}
