/**
 * Embedded mode: no Kafka. Inputs are read from the parts' own local logs (each `--input-dir`), the
 * outputs go to this processor's local log, and each pass is committed by one journal record holding
 * its input positions, window state and outputs (see journal.ts). One task sees every input.
 */
import { resolveTopicNames, type TopicKey, type TopicNames } from '@inlet/schemas';
import {
  isTopicNotFoundError,
  type LocalLog,
  openLocalLog,
  readLocalTopic,
  type SinkRecord,
  type StructuredLogger,
  silentLogger,
} from '@inlet/streams';
import type { UserState } from '../core/entity-state';
import type { InputRole } from '../core/input';
import { type CoreOptions, resolveCoreOptions } from '../core/options';
import { TaskProcessor } from '../core/task';
import { inputRoles, type OutputRecord, toOutputRecord } from '../runtime/output-records';
import { addCounters, newStats, type ProcessorStats } from '../runtime/stats';
import { JOURNAL_TOPIC, type JournalEntry, missingOutputs } from './journal';

export interface EmbeddedProcessorOptions extends CoreOptions {
  /** Where this processor's own local log lives. Default `./data/processor`. */
  readonly dataDir?: string;
  /** The parts' local-log data dirs to read inputs from. Default `./data/gateway`, `./data/cdc`. */
  readonly inputDirs?: readonly string[];
  /** Topic name overrides. Default: the catalogue's names. */
  readonly topics?: Partial<Record<TopicKey, string>>;
  /** How often the inputs are polled for new records, ms. Default 200. */
  readonly pollMs?: number;
  /** Most records read per pass. Default 5 000. */
  readonly maxPassRecords?: number;
  /** Where logs go. Default: nowhere. */
  readonly log?: StructuredLogger;
}

const SEQ_HEADER = 'inlet-journal-seq';

export class EmbeddedProcessor {
  readonly stats: ProcessorStats = newStats();
  readonly topics: TopicNames;
  private readonly dataDir: string;
  private readonly inputDirs: readonly string[];
  private readonly roles: Map<string, InputRole>;
  private readonly log: StructuredLogger;
  private readonly pollMs: number;
  private readonly maxPass: number;
  private own: LocalLog | undefined;
  private processor: TaskProcessor | undefined;
  private positions: Record<string, number> = {};
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private passing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: EmbeddedProcessorOptions = {}) {
    this.topics = resolveTopicNames(options.topics);
    this.dataDir = options.dataDir ?? './data/processor';
    this.inputDirs = options.inputDirs ?? ['./data/gateway', './data/cdc'];
    this.roles = inputRoles(this.topics);
    this.log = options.log ?? silentLogger;
    this.pollMs = options.pollMs ?? 200;
    this.maxPass = options.maxPassRecords ?? 5_000;
  }

  async start(): Promise<void> {
    const core = resolveCoreOptions(this.options);
    this.own = await openLocalLog({ dataDir: this.dataDir });
    const last = await this.lastJournalEntry();
    if (last !== undefined) {
      this.seq = last.seq;
      this.positions = { ...last.positions };
      const missing = missingOutputs(last, (t) => this.nextOffset(t));
      if (missing.length > 0) {
        await this.own.append(missing.map((o) => this.sinkRecord(o, last.seq)));
        this.log.warn({ records: missing.length, seq: last.seq }, 'completed the outputs a crash cut off');
      }
    }
    const processor = new TaskProcessor(0, core, last?.snapshot);
    for await (const r of this.readOwn(this.topics.userState)) {
      processor.restoreUser(
        r.key ?? '',
        r.value === null ? null : (JSON.parse(String(r.value)) as UserState),
      );
    }
    for await (const r of this.readOwn(this.topics.bookingState)) {
      processor.restoreBooking(r.key ?? '', r.value === null ? null : JSON.parse(String(r.value)));
    }
    this.processor = processor;
    this.stats.ready = true;
    this.log.info({ seq: this.seq, positions: this.positions }, 'embedded state restored');
    this.schedule();
  }

  /** Finishes the pass in flight (committing it) and closes the log. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    await this.passing.catch(() => {});
    await this.own?.close();
  }

  /** Runs one pass now (tests and the bench drive it directly). Returns records read. */
  pass(now = Date.now()): Promise<number> {
    const run = this.passing.then(() => this.passOnce(now));
    this.passing = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.pass().then(
        (n) => (n > 0 ? this.schedule0() : this.schedule()),
        (error: unknown) => {
          this.log.error({ err: error }, 'embedded pass failed; retrying');
          this.schedule();
        },
      );
    }, this.pollMs);
    this.timer.unref();
  }

  /** More is probably waiting: go again at once. */
  private schedule0(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.schedule(), 0);
    this.timer.unref();
  }

  private async passOnce(now: number): Promise<number> {
    const p = this.processor;
    const own = this.own;
    if (p === undefined || own === undefined || this.stopped) return 0;
    const before = { ...p.counters };
    const positions = { ...this.positions };
    let read = 0;
    for (const dir of this.inputDirs) {
      for (const [topic, role] of this.roles) {
        const key = `${dir}\u0000${topic}`;
        const from = positions[key] ?? 0;
        const budget = this.maxPass - read;
        if (budget <= 0) break;
        try {
          for await (const r of readLocalTopic(dir, topic, {
            fromOffset: from,
            untilOffset: from + budget,
          })) {
            p.process({ role, record: r }, now);
            positions[key] = Number(r.offset) + 1;
            read += 1;
          }
        } catch (error) {
          if (!isTopicNotFoundError(error)) throw error;
          // The part has not written this topic yet.
        }
      }
    }
    if (read === 0) p.advanceIdle(now);
    const outputs = p.drain().map((o) => toOutputRecord(o, 0, this.topics));
    // Idle time moving the watermark without closing a window is not worth a journal record.
    if (read === 0 && outputs.length === 0) return 0;
    const bases = Object.fromEntries(
      [...new Set(outputs.map((o) => o.topic))].map((t) => [t, this.nextOffset(t)]),
    );
    const entry: JournalEntry = { seq: this.seq + 1, positions, snapshot: p.snapshot(), outputs, bases };
    const journaled = await own.append([{ topic: JOURNAL_TOPIC, key: null, value: JSON.stringify(entry) }]);
    this.seq = entry.seq;
    // Only the last journal record is ever read: let sealed segments before it go.
    if (entry.seq % 100 === 0)
      await own.deleteSegmentsBefore(JOURNAL_TOPIC, journaled.positions[0]?.baseOffset ?? 0);
    this.positions = positions;
    if (outputs.length > 0) await own.append(outputs.map((o) => this.sinkRecord(o, entry.seq)));
    this.stats.recordsIn += read;
    this.stats.outputs += outputs.length;
    this.stats.commits += 1;
    this.stats.watermark = p.currentWatermark;
    addCounters(this.stats, p.counters, before);
    return read;
  }

  private sinkRecord(o: OutputRecord, seq: number): SinkRecord {
    return {
      topic: o.topic,
      key: o.key,
      value: o.value,
      headers: { ...o.headers, [SEQ_HEADER]: String(seq) },
    };
  }

  private nextOffset(topic: string): number {
    return this.own?.usage().find((u) => u.topic === topic)?.nextOffset ?? 0;
  }

  private async *readOwn(topic: string) {
    if (!this.own?.topics().includes(topic)) return;
    yield* this.own.readTopic(topic);
  }

  private async lastJournalEntry(): Promise<JournalEntry | undefined> {
    const next = this.nextOffset(JOURNAL_TOPIC);
    if (next === 0 || this.own === undefined) return undefined;
    let last: JournalEntry | undefined;
    for await (const r of this.own.readTopic(JOURNAL_TOPIC, { fromOffset: next - 1 })) {
      last = JSON.parse(String(r.value)) as JournalEntry;
    }
    return last;
  }
}
