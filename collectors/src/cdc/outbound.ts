/**
 * The ordered road from decoded changes to the sink, and the only place that decides what the slot may
 * confirm. Records are appended in stream order, in batches, one append at a time; a commit mark is
 * released (→ `onConfirmed(lsn)`) only once every record pushed before it was acknowledged by the sink.
 * A retryable sink failure retries the same batch (with capped backoff) forever — skipping it would be a
 * gap; a non-retryable one stops the collector.
 */
import { errorMessage, exponentialDelay } from '@inlet/schemas';
import { isSinkError, type Sink, type SinkRecord } from '@inlet/streams';
import { CdcStreamError } from './errors';
import type { Lsn } from './lsn';

export interface AppendedBatch {
  readonly records: readonly SinkRecord[];
  /** Commit time of each record, ms since the epoch (same order as `records`). */
  readonly commitTimesMs: readonly number[];
  /** When the sink acknowledged, ms since the epoch. */
  readonly ackedAtMs: number;
}

export interface OutboundOptions {
  readonly sink: Sink;
  /** Called with the highest commit end whose records are all stored; never goes backwards. */
  readonly onConfirmed: (lsn: Lsn) => void;
  /** Called after each acknowledged append (metrics, benchmarks). Default: none. */
  readonly onAppended?: (batch: AppendedBatch) => void;
  /** Called once when the queue gives up (non-retryable sink error). Default: none. */
  readonly onFatal?: (error: Error) => void;
  /** Called on each failed append that will be retried. Default: none. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Most records per append. Default 5 000. */
  readonly maxBatchRecords?: number;
  /**
   * Most bytes (keys + values) per append; a single larger record still goes alone. Default 512 KiB:
   * under the Kafka sink's request size, so a batch never outgrows the broker's `message.max.bytes`.
   */
  readonly maxBatchBytes?: number;
  /** Queued records above which `room()` makes the stream wait. Default 50 000. */
  readonly highWaterRecords?: number;
  /** First and largest retry delay, ms. Defaults 200 and 10 000. */
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  /** Clock, ms. Default `Date.now`. */
  readonly now?: () => number;
}

export class Outbound {
  private records: SinkRecord[] = [];
  private commitTimes: number[] = [];
  private marks: { seq: number; lsn: Lsn }[] = [];
  private pushed = 0;
  private appended = 0;
  private confirmed: Lsn | undefined;
  private pumping = false;
  private closed = false;
  private failure: Error | undefined;
  private waiters: (() => void)[] = [];
  private drainWaiters: (() => void)[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly maxBatch: number;
  private readonly maxBytes: number;
  private readonly highWater: number;
  private readonly now: () => number;

  constructor(private readonly options: OutboundOptions) {
    this.maxBatch = options.maxBatchRecords ?? 5_000;
    this.maxBytes = options.maxBatchBytes ?? 512 * 1024;
    this.highWater = options.highWaterRecords ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  /** Records of one change, in order, with their transaction's commit time. */
  push(records: readonly SinkRecord[], commitTimeMs: number): void {
    if (this.closed) return;
    for (const record of records) {
      this.records.push(record);
      this.commitTimes.push(commitTimeMs);
    }
    this.pushed += records.length;
    this.pump();
  }

  /** A commit: `lsn` may be confirmed once everything pushed so far is stored. */
  mark(lsn: Lsn): void {
    if (this.closed) return;
    this.marks.push({ seq: this.pushed, lsn });
    this.pump();
  }

  /** Undefined while there is room; otherwise a promise that resolves when the queue went down by half. */
  room(): Promise<void> | undefined {
    if (this.records.length < this.highWater || this.closed) return undefined;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get queued(): number {
    return this.records.length;
  }

  get lastConfirmed(): Lsn | undefined {
    return this.confirmed;
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  /** Resolves when everything pushed so far is stored (or the queue closed/failed). */
  drained(): Promise<void> {
    if (!this.pumping && (this.records.length === 0 || this.closed)) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Drops what is not yet stored (it will come again from the slot) and stops. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.records = [];
    this.commitTimes = [];
    this.marks = [];
    this.release();
  }

  private release(): void {
    if (this.records.length < this.highWater / 2 || this.closed) {
      for (const resolve of this.waiters.splice(0)) resolve();
    }
    if ((this.records.length === 0 && !this.pumping) || this.closed) {
      for (const resolve of this.drainWaiters.splice(0)) resolve();
    }
  }

  private confirmMarks(): void {
    let lsn: Lsn | undefined;
    let released = 0;
    for (const mark of this.marks) {
      if (mark.seq > this.appended) break;
      lsn = mark.lsn;
      released += 1;
    }
    if (released === 0 || lsn === undefined) return;
    this.marks.splice(0, released);
    if (this.confirmed === undefined || lsn > this.confirmed) {
      this.confirmed = lsn;
      this.options.onConfirmed(lsn);
    }
  }

  private pump(): void {
    if (this.pumping || this.closed) return;
    this.confirmMarks();
    if (this.records.length === 0) {
      this.release();
      return;
    }
    this.pumping = true;
    void this.send(0);
  }

  /** How many queued records the next append takes: up to the count and byte limits, at least one. */
  private batchLength(): number {
    let bytes = 0;
    const limit = Math.min(this.maxBatch, this.records.length);
    for (let i = 0; i < limit; i++) {
      const r = this.records[i] as SinkRecord;
      bytes +=
        (r.key?.length ?? 0) + (typeof r.value === 'string' ? r.value.length : (r.value?.byteLength ?? 0));
      if (bytes > this.maxBytes && i > 0) return i;
    }
    return limit;
  }

  private async send(attempt: number): Promise<void> {
    const batch = this.records.slice(0, this.batchLength());
    const times = this.commitTimes.slice(0, batch.length);
    try {
      await this.options.sink.append(batch);
    } catch (error) {
      if (this.closed) return;
      const retryable = isSinkError(error) ? error.retryable : false;
      if (!retryable) return this.fail(error);
      const delay = exponentialDelay({
        attempt,
        base: this.options.retryInitialMs ?? 200,
        cap: this.options.retryMaxMs ?? 10_000,
      });
      this.options.onRetry?.(error, attempt + 1, delay);
      // The replication connection keeps the process alive; the retry timer need not.
      this.retryTimer = setTimeout(() => void this.send(attempt + 1), delay).unref();
      return;
    }
    if (this.closed) return;
    this.records.splice(0, batch.length);
    this.commitTimes.splice(0, batch.length);
    this.appended += batch.length;
    this.options.onAppended?.({ records: batch, commitTimesMs: times, ackedAtMs: this.now() });
    this.confirmMarks();
    this.pumping = false;
    this.release();
    this.pump();
  }

  private fail(error: unknown): void {
    const message = errorMessage(error);
    this.failure = new CdcStreamError(
      `the sink refused change events and cannot take them later: ${message}`,
    );
    this.pumping = false;
    this.close();
    this.options.onFatal?.(this.failure);
  }
}
