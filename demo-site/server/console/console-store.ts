/**
 * Everything the console shows about the records, in bounded memory: the newest records per topic
 * (ring buffers), totals, counts per second and per minute, dead-letter reasons grouped, and the
 * records that arrived since the last tick.
 */
import type { TopicKey, TopicNames } from '@inlet/schemas';
import { type StoredRecord, valueText } from '@inlet/streams';
import { BucketCounter } from '../../src/console/model/buckets';
import type { ConsoleRecord, DeadLetterGroup } from '../../src/console/model/protocol';
import { RingBuffer } from '../../src/console/model/ring-buffer';
import { deadLetterOf, summarize, topicKeys } from './summarize';

export interface ConsoleStoreOptions {
  /** Records kept per topic for the snapshot. Default 200. */
  readonly keepPerTopic?: number;
  /** Records per topic a tick carries at most (the rest only count). Default 50. */
  readonly tickPerTopic?: number;
  /** Seconds of per-second counts kept. Default 120. */
  readonly seconds?: number;
  /** Minutes of per-minute counts kept. Default 60. */
  readonly minutes?: number;
  /** Distinct (reason, source) dead-letter groups kept. Default 50. */
  readonly deadLetterGroups?: number;
  /** Clock. Default Date.now. */
  readonly now?: () => number;
}

export class ConsoleStore {
  readonly topics: readonly string[];
  readonly perSecond: BucketCounter;
  readonly perMinute: BucketCounter;
  readonly #keys: ReadonlyMap<string, TopicKey>;
  readonly #recent = new Map<string, RingBuffer<ConsoleRecord>>();
  readonly #pending = new Map<string, ConsoleRecord[]>();
  readonly #totals = new Map<string, number>();
  readonly #deadLetters = new Map<string, DeadLetterGroup>();
  readonly #o: Required<ConsoleStoreOptions>;
  #skipped = 0;

  constructor(names: TopicNames, options: ConsoleStoreOptions = {}) {
    this.#o = {
      keepPerTopic: 200,
      tickPerTopic: 50,
      seconds: 120,
      minutes: 60,
      deadLetterGroups: 50,
      now: Date.now,
      ...options,
    };
    this.#keys = topicKeys(names);
    this.topics = Object.values(names);
    this.perSecond = new BucketCounter(1_000, this.#o.seconds);
    this.perMinute = new BucketCounter(60_000, this.#o.minutes);
    for (const t of this.topics) {
      this.#recent.set(t, new RingBuffer(this.#o.keepPerTopic));
      this.#totals.set(t, 0);
    }
  }

  add(stored: StoredRecord): void {
    const record = summarize(stored, this.#keys);
    const topic = record.topic;
    this.#totals.set(topic, (this.#totals.get(topic) ?? 0) + 1);
    // A producer clock ahead of ours must not push the windows into the future.
    const time = Math.min(Number.isFinite(record.timestamp) ? record.timestamp : Number.NaN, this.#o.now());
    const at = Number.isNaN(time) ? this.#o.now() : time;
    this.perSecond.add(topic, at);
    this.perMinute.add(topic, at);
    let ring = this.#recent.get(topic);
    if (ring === undefined) {
      ring = new RingBuffer(this.#o.keepPerTopic);
      this.#recent.set(topic, ring);
    }
    ring.push(record);
    const pending = this.#pending.get(topic) ?? [];
    if (pending.length < this.#o.tickPerTopic) pending.push(record);
    else this.#skipped++;
    this.#pending.set(topic, pending);
    if (this.#keys.get(topic) === 'deadLetter') this.#countDeadLetter(stored, at);
  }

  #countDeadLetter(stored: StoredRecord, at: number): void {
    const dl = deadLetterOf(valueText(stored));
    if (dl === undefined) return;
    const id = `${dl.reason}\u0000${dl.source}`;
    const group = this.#deadLetters.get(id);
    if (group === undefined && this.#deadLetters.size >= this.#o.deadLetterGroups) return;
    this.#deadLetters.set(id, {
      reason: dl.reason,
      source: dl.source,
      count: (group?.count ?? 0) + 1,
      lastAt: Math.max(group?.lastAt ?? 0, at),
      example: dl.message || group?.example || '',
    });
  }

  totals(): Record<string, number> {
    return Object.fromEntries(this.#totals);
  }

  /** The newest records of every topic (at most `perTopic` each), newest first. */
  recent(perTopic?: number): ConsoleRecord[] {
    return [...this.#recent.values()].flatMap((r) => r.newestFirst(perTopic)).sort(newestFirst);
  }

  /** Most frequent first. */
  deadLetters(): DeadLetterGroup[] {
    return [...this.#deadLetters.values()].sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
  }

  /** The records since the last call (newest first) and how many were left out. */
  takePending(): { records: ConsoleRecord[]; skipped: number } {
    const records = [...this.#pending.values()].flat().sort(newestFirst);
    const skipped = this.#skipped;
    this.#pending.clear();
    this.#skipped = 0;
    return { records, skipped };
  }
}

function newestFirst(a: ConsoleRecord, b: ConsoleRecord): number {
  return (
    b.timestamp - a.timestamp ||
    (BigInt(b.offset) > BigInt(a.offset) ? 1 : BigInt(b.offset) < BigInt(a.offset) ? -1 : 0)
  );
}
