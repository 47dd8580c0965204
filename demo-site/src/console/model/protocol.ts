/**
 * What the demo server sends the console over SSE (`/api/console/stream`): a `snapshot` on connect,
 * then a `tick` every second. Types only: the page and the server both import them.
 */
import type { BucketWindow } from './buckets';

/** One stored record as the console shows it. Every string in it came from outside: render it escaped. */
export interface ConsoleRecord {
  /** `topic/partition/offset`, unique per record. */
  readonly id: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Kafka timestamp (ms). */
  readonly timestamp: number;
  /** What kind of record: event type (`track`, `page`…), CDC op (`c`, `u`, `d`, `r`), external source, dead-letter reason. */
  readonly type: string;
  /** A short label: the event name, page name, table, entity… */
  readonly label: string;
  /** The value as text, cut at `VALUE_LIMIT` characters (then `truncated`); null for a tombstone. */
  readonly value: string | null;
  readonly truncated: boolean;
}

export const VALUE_LIMIT = 16_384;

export interface DeadLetterGroup {
  readonly reason: string;
  /** What rejected them (`gateway`, `collector-cdc`…). */
  readonly source: string;
  readonly count: number;
  readonly lastAt: number;
  /** The first error message of the newest one. */
  readonly example: string;
}

export const PART_STATES = { up: 'up', degraded: 'degraded', down: 'down', off: 'off' } as const;
export type PartState = (typeof PART_STATES)[keyof typeof PART_STATES];

/** A label and a value to show, already formatted by the server. */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

export interface ExternalRun {
  readonly status: string;
  readonly kind: string;
  readonly records: number;
  readonly attempts: number;
  readonly durationMs: number;
  readonly startedAt: string;
  readonly error?: string;
}

export interface ExternalSource {
  readonly name: string;
  readonly schedule?: string;
  readonly nextRunAt?: string;
  /** Newest first. */
  readonly runs: readonly ExternalRun[];
}

export interface PartHealth {
  readonly name: string;
  readonly state: PartState;
  /** One line: why it is down, or what it is doing. */
  readonly summary: string;
  readonly facts: readonly Fact[];
  /** Only for the external collector: the run history per source. */
  readonly sources?: readonly ExternalSource[];
  readonly checkedAt: number;
}

export interface SourceInfo {
  readonly kind: 'kafka' | 'local';
  /** `Kafka 127.0.0.1:9092` or `local logs under data/`. */
  readonly describe: string;
  readonly readable: boolean;
  readonly lastError?: string;
}

export interface Snapshot {
  readonly now: number;
  readonly topics: readonly string[];
  /** Records seen per topic since the server started (backlog included). */
  readonly totals: Readonly<Record<string, number>>;
  readonly perSecond: BucketWindow;
  readonly perMinute: BucketWindow;
  /** Newest first. */
  readonly records: readonly ConsoleRecord[];
  readonly deadLetters: readonly DeadLetterGroup[];
  readonly health: readonly PartHealth[];
  readonly source: SourceInfo;
}

export interface Tick {
  readonly now: number;
  readonly totals: Readonly<Record<string, number>>;
  /** The last few seconds and minutes again, so records that arrived late correct their buckets. */
  readonly perSecond: BucketWindow;
  readonly perMinute: BucketWindow;
  /** Records since the last tick, newest first, at most a bounded number per topic. */
  readonly records: readonly ConsoleRecord[];
  /** Records left out of `records` to keep ticks small (they still count in totals). */
  readonly skipped: number;
  readonly deadLetters: readonly DeadLetterGroup[];
  readonly health: readonly PartHealth[];
  readonly source: SourceInfo;
}
