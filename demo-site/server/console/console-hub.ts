/**
 * Turns the store and the health monitor into what the console page receives: a snapshot for a new
 * page, then one tick a second to every connected page. The tick timer runs only while someone listens.
 */
import type { Snapshot, SourceInfo, Tick } from '../../src/console/model/protocol';
import type { HealthMonitor } from '../health/health-monitor';
import type { ConsoleStore } from './console-store';

export interface ConsoleHubOptions {
  readonly store: ConsoleStore;
  readonly health: Pick<HealthMonitor, 'latest'>;
  readonly source: () => SourceInfo;
  /** Time between ticks, in ms. Default 1 000. */
  readonly tickMs?: number;
  /** Pages connected at once at most. Default 50. */
  readonly maxListeners?: number;
  /** Default Date.now. */
  readonly now?: () => number;
}

export type TickListener = (tick: Tick) => void;

/** Seconds and minutes a tick repeats, so late records correct the buckets already sent. */
const RESEND_SECONDS = 5;
const RESEND_MINUTES = 2;
/** Records per topic a new page gets, so a snapshot stays well under a megabyte with usual events. */
const SNAPSHOT_PER_TOPIC = 100;

export class ConsoleHub {
  readonly #listeners = new Set<TickListener>();
  readonly #closers = new Set<() => void>();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(private readonly o: ConsoleHubOptions) {}

  get listeners(): number {
    return this.#listeners.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get full(): boolean {
    return this.#listeners.size >= (this.o.maxListeners ?? 50);
  }

  #now(): number {
    return (this.o.now ?? Date.now)();
  }

  snapshot(): Snapshot {
    const { store } = this.o;
    const now = this.#now();
    return {
      now,
      topics: store.topics,
      totals: store.totals(),
      perSecond: store.perSecond.window(store.topics, now),
      perMinute: store.perMinute.window(store.topics, now),
      records: store.recent(SNAPSHOT_PER_TOPIC),
      deadLetters: store.deadLetters(),
      health: this.o.health.latest(),
      source: this.o.source(),
    };
  }

  /** Builds the next tick (taking the records that arrived since the last one). */
  tick(): Tick {
    const { store } = this.o;
    const now = this.#now();
    const { records, skipped } = store.takePending();
    return {
      now,
      totals: store.totals(),
      perSecond: store.perSecond.window(store.topics, now, RESEND_SECONDS),
      perMinute: store.perMinute.window(store.topics, now, RESEND_MINUTES),
      records,
      skipped,
      deadLetters: store.deadLetters(),
      health: this.o.health.latest(),
      source: this.o.source(),
    };
  }

  /**
   * Adds a page. `onClose` runs when the hub closes (server shutdown) so its stream can end.
   * Returns the function that removes it.
   */
  subscribe(listener: TickListener, onClose: () => void): () => void {
    this.#listeners.add(listener);
    this.#closers.add(onClose);
    if (this.#timer === undefined) {
      // Records that came while nobody listened are in the snapshot; ticks carry only what is new.
      this.o.store.takePending();
      this.#timer = setInterval(() => this.#broadcast(), this.o.tickMs ?? 1_000);
      this.#timer.unref();
    }
    return () => {
      this.#listeners.delete(listener);
      this.#closers.delete(onClose);
      if (this.#listeners.size === 0) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    };
  }

  #broadcast(): void {
    const tick = this.tick();
    for (const listener of this.#listeners) listener(tick);
  }

  /** Ends every page's stream and stops ticking. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const close of this.#closers) close();
    this.#closers.clear();
    this.#listeners.clear();
  }
}
