/** An in-memory `Sink` + `TopicReader` for other packages' unit tests, with failure injection. */
import { SinkClosedError, SinkUnavailableError } from '../errors';
import { assertRecords } from '../records';
import type {
  AppendPosition,
  AppendResult,
  ReadOptions,
  Sink,
  SinkHealth,
  SinkRecord,
  StoredRecord,
  TopicReader,
} from '../sink';

export class MemorySink implements Sink, TopicReader {
  /** Successful `append` calls so far. */
  appendCount = 0;
  private readonly byTopic = new Map<string, StoredRecord[]>();
  private readonly all: StoredRecord[] = [];
  private readonly failures: Error[] = [];
  private available = true;
  private closed = false;
  private lastError: { message: string; at: number } | undefined;

  async append(records: readonly SinkRecord[]): Promise<AppendResult> {
    if (this.closed) throw new SinkClosedError('memory');
    assertRecords(records, 'memory');
    const failure = this.failures.shift() ?? (this.available ? undefined : this.unavailable());
    if (failure !== undefined) {
      this.lastError = { message: failure.message, at: Date.now() };
      throw failure;
    }
    const now = Date.now();
    const spans = new Map<string, { base: number; last: number }>();
    for (const r of records) {
      const stored = this.byTopic.get(r.topic) ?? [];
      this.byTopic.set(r.topic, stored);
      const offset = stored.length;
      const record: StoredRecord = {
        topic: r.topic,
        partition: 0,
        offset: String(offset),
        key: r.key,
        headers: { ...r.headers },
        timestamp: r.timestamp ?? now,
        value: r.value instanceof Uint8Array ? Uint8Array.from(r.value) : r.value,
      };
      stored.push(record);
      this.all.push(record);
      spans.set(r.topic, { base: spans.get(r.topic)?.base ?? offset, last: offset });
    }
    const positions: AppendPosition[] = [...spans].map(([topic, { base, last }]) => ({
      topic,
      partition: 0,
      baseOffset: String(base),
      lastOffset: String(last),
    }));
    this.appendCount++;
    return { count: records.length, positions };
  }

  ready(): boolean {
    return !this.closed && this.available;
  }

  health(): SinkHealth {
    const state = this.closed ? 'closed' : this.available ? 'ready' : 'unavailable';
    return {
      kind: 'memory',
      state,
      ready: state === 'ready',
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Makes the next `times` appends reject with `error` (default: a `SinkUnavailableError`). */
  failNext(error: Error = this.unavailable(), times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(error);
  }

  /** While false, every append rejects with `SinkUnavailableError` and `ready()` is false. */
  setAvailable(available: boolean): void {
    this.available = available;
  }

  /** Stored records of one topic, or of every topic in append order. */
  records(topic?: string): readonly StoredRecord[] {
    return topic === undefined ? [...this.all] : [...(this.byTopic.get(topic) ?? [])];
  }

  /** Stored values of a topic parsed as JSON (tombstones as null): the usual assertion in tests. */
  json(topic: string): unknown[] {
    return this.records(topic).map((r) =>
      r.value === null
        ? null
        : JSON.parse(typeof r.value === 'string' ? r.value : new TextDecoder().decode(r.value)),
    );
  }

  clear(): void {
    this.byTopic.clear();
    this.all.length = 0;
  }

  async *readTopic(topic: string, options: ReadOptions = {}): AsyncIterable<StoredRecord> {
    const from = Number(options.fromOffset ?? 0);
    for (const record of this.records(topic).slice(from)) {
      if (options.signal?.aborted) return;
      yield record;
    }
  }

  private unavailable(): SinkUnavailableError {
    return new SinkUnavailableError('memory sink: unavailable (set by the test)', 'memory');
  }
}
