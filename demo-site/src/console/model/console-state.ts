/**
 * The page's state, apart from the DOM: records (bounded, deduplicated by id, newest first), counts,
 * health and dead letters, merged from the server's snapshot and ticks; Live/Pause bookkeeping.
 */
import { BucketCounter } from './buckets';
import { type Filters, matches, NO_FILTERS } from './filters';
import type { ConsoleRecord, DeadLetterGroup, PartHealth, Snapshot, SourceInfo, Tick } from './protocol';

export interface ConsoleStateOptions {
  /** Records kept in the page per topic, so a busy topic does not push out a quiet one. Default 200. */
  readonly keepPerTopic?: number;
}

export class ConsoleState {
  topics: readonly string[] = [];
  totals: Readonly<Record<string, number>> = {};
  health: readonly PartHealth[] = [];
  deadLetters: readonly DeadLetterGroup[] = [];
  source: SourceInfo | undefined;
  /** Server time of the last snapshot or tick. */
  updatedAt: number | undefined;
  readonly perSecond = new BucketCounter(1_000, 120);
  readonly perMinute = new BucketCounter(60_000, 60);
  /** Types seen per topic, for the type filter. */
  readonly types = new Map<string, Set<string>>();
  filters: Filters = NO_FILTERS;
  paused = false;
  /** Records matching the filters that arrived while paused. */
  newWhilePaused = 0;
  /** Records the server left out of ticks (too many at once); they still count in totals. */
  skipped = 0;

  readonly #keep: number;
  /** Per topic, newest first. */
  readonly #records = new Map<string, ConsoleRecord[]>();
  readonly #ids = new Set<string>();

  constructor(options: ConsoleStateOptions = {}) {
    this.#keep = options.keepPerTopic ?? 200;
  }

  applySnapshot(s: Snapshot): void {
    this.topics = s.topics;
    this.#records.clear();
    this.#ids.clear();
    this.types.clear();
    this.perSecond.merge(s.perSecond);
    this.perMinute.merge(s.perMinute);
    this.#add(s.records);
    this.#common(s);
  }

  applyTick(t: Tick): void {
    this.perSecond.merge(t.perSecond);
    this.perMinute.merge(t.perMinute);
    const added = this.#add(t.records);
    if (this.paused) this.newWhilePaused += added.filter((r) => matches(r, this.filters)).length;
    this.skipped += t.skipped;
    this.#common(t);
  }

  #common(m: Snapshot | Tick): void {
    this.totals = m.totals;
    this.health = m.health;
    this.deadLetters = m.deadLetters;
    this.source = m.source;
    this.updatedAt = m.now;
  }

  /** Adds records not seen yet (given newest first); returns them. */
  #add(records: readonly ConsoleRecord[]): ConsoleRecord[] {
    const fresh = records.filter((r) => !this.#ids.has(r.id));
    for (const r of fresh) {
      this.#ids.add(r.id);
      let types = this.types.get(r.topic);
      if (types === undefined) {
        types = new Set();
        this.types.set(r.topic, types);
      }
      types.add(r.type);
    }
    const touched = new Set(fresh.map((r) => r.topic));
    for (const topic of touched) {
      const list = [...fresh.filter((r) => r.topic === topic), ...(this.#records.get(topic) ?? [])];
      list.sort(newestFirst);
      for (const gone of list.splice(this.#keep)) this.#ids.delete(gone.id);
      this.#records.set(topic, list);
    }
    return fresh;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.newWhilePaused = 0;
  }

  /** The records to list, newest first, filtered. */
  visible(limit = 200): ConsoleRecord[] {
    const lists =
      this.filters.topic === '' ? [...this.#records.values()] : [this.#records.get(this.filters.topic) ?? []];
    return lists
      .flat()
      .filter((r) => matches(r, this.filters))
      .sort(newestFirst)
      .slice(0, limit);
  }

  record(id: string): ConsoleRecord | undefined {
    const topic = id.slice(0, id.indexOf('/'));
    return this.#records.get(topic)?.find((r) => r.id === id);
  }

  /** Types to offer in the type filter: of the selected topic, or of all. */
  typeOptions(): string[] {
    const sets =
      this.filters.topic === ''
        ? [...this.types.values()]
        : [this.types.get(this.filters.topic) ?? new Set()];
    return [...new Set(sets.flatMap((s) => [...s]))].sort();
  }
}

function newestFirst(a: ConsoleRecord, b: ConsoleRecord): number {
  return (
    b.timestamp - a.timestamp || a.topic.localeCompare(b.topic) || Number(BigInt(b.offset) - BigInt(a.offset))
  );
}
