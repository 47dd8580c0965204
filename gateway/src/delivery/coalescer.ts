/**
 * Gathers the records of concurrent `add` calls for a short window into one flush, and gives every
 * caller the outcome of the flush that carried its records. Fewer, larger writes: one Kafka produce
 * request or one fsync serves many HTTP requests.
 *
 * The sinks batch too, but only while a write is in flight (the Kafka sink's one-request-at-a-time
 * queue, the local log's group commit). The window adds batching when the sink is idle, which is what
 * keeps the request rate to Kafka flat as traffic grows.
 */
import type { SinkRecord } from '@inlet/streams';

export interface CoalescerOptions {
  /**
   * How long to gather after the first record arrives, in ms. 0 gathers what arrives before the event
   * loop's next check phase (`setImmediate`). Default 2.
   */
  readonly windowMs?: number;
  /** Flush at once when this many records are waiting. Default 2 000. */
  readonly maxRecords?: number;
  /** Flush at once when the waiting values reach this many bytes (approximately). Default 512 KiB. */
  readonly maxBytes?: number;
}

interface Waiter<R> {
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

interface Batch<R> {
  readonly records: SinkRecord[];
  readonly waiters: Waiter<R>[];
  bytes: number;
  cancel: (() => void) | undefined;
}

const sizeOf = (r: SinkRecord): number =>
  (r.value === null ? 0 : typeof r.value === 'string' ? r.value.length : r.value.byteLength) +
  (r.key?.length ?? 0) +
  64;

export class Coalescer<R> {
  private readonly windowMs: number;
  private readonly maxRecords: number;
  private readonly maxBytes: number;
  private batch: Batch<R> | undefined;
  private readonly inflight = new Set<Promise<unknown>>();

  /** `flush` gets the gathered records in arrival order; its outcome goes to every caller in the batch. */
  constructor(
    private readonly flush: (records: SinkRecord[]) => Promise<R>,
    options: CoalescerOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 2;
    this.maxRecords = options.maxRecords ?? 2_000;
    this.maxBytes = options.maxBytes ?? 512 * 1024;
  }

  add(records: readonly SinkRecord[]): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const batch = this.batch ?? this.open();
      for (const r of records) {
        batch.records.push(r);
        batch.bytes += sizeOf(r);
      }
      batch.waiters.push({ resolve, reject });
      if (batch.records.length >= this.maxRecords || batch.bytes >= this.maxBytes) this.flushNow();
    });
  }

  /** Records waiting for their window to close. */
  get waiting(): number {
    return this.batch?.records.length ?? 0;
  }

  /** Sends what is gathered now instead of at the end of its window. */
  flushNow(): void {
    const batch = this.batch;
    if (batch === undefined) return;
    this.batch = undefined;
    batch.cancel?.();
    const task = this.flush(batch.records).then(
      (result) => {
        for (const w of batch.waiters) w.resolve(result);
      },
      (error: unknown) => {
        for (const w of batch.waiters) w.reject(error);
      },
    );
    this.inflight.add(task);
    void task.finally(() => this.inflight.delete(task));
  }

  /** Flushes what is gathered and waits until every flush so far has finished. */
  async drain(): Promise<void> {
    this.flushNow();
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private open(): Batch<R> {
    const batch: Batch<R> = { records: [], waiters: [], bytes: 0, cancel: undefined };
    // Not unref'd: a timer here always has callers waiting on it.
    if (this.windowMs > 0) {
      const timer = setTimeout(() => this.flushNow(), this.windowMs);
      batch.cancel = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(() => this.flushNow());
      batch.cancel = () => clearImmediate(immediate);
    }
    this.batch = batch;
    return batch;
  }
}
