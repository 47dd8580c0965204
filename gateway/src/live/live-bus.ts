/**
 * The in-process bus behind the live tap: accepted events (sampled, and capped per second under
 * load) and per-topic counters. Costs one map update per request while nobody listens.
 */

export interface LiveEvent {
  readonly topic: string;
  readonly key: string | null;
  readonly event: unknown;
}

export interface TopicCounters {
  accepted: number;
  rejected: number;
  deduplicated: number;
}

export interface CountersSnapshot {
  /** Epoch ms. */
  readonly at: number;
  /** Totals since the gateway started, by topic. */
  readonly totals: Readonly<Record<string, TopicCounters>>;
  /** Events sampled out or over the per-second cap since the start. */
  readonly dropped: number;
}

export type LiveMessage =
  | { readonly type: 'event'; readonly data: LiveEvent }
  | { readonly type: 'counters'; readonly data: CountersSnapshot };

export type LiveListener = (message: LiveMessage) => void;

export interface LiveBusOptions {
  /** Share of accepted events sent to listeners (1 = all). */
  readonly sampleRate: number;
  /** Events sent per second at most, over all listeners; the rest are counted as dropped. Default 200. */
  readonly maxEventsPerSecond?: number;
  /** Counters are sent this often. Default 1000 ms. */
  readonly tickMs?: number;
  readonly now: () => number;
  readonly random: () => number;
}

export class LiveBus {
  private readonly listeners = new Set<LiveListener>();
  private readonly totals = new Map<string, TopicCounters>();
  private readonly maxPerSecond: number;
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | undefined;
  private windowStart = 0;
  private sentInWindow = 0;
  private dropped = 0;

  constructor(private readonly options: LiveBusOptions) {
    this.maxPerSecond = options.maxEventsPerSecond ?? 200;
    this.tickMs = options.tickMs ?? 1000;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Adds counts for a topic. */
  count(topic: string, kind: keyof TopicCounters, n = 1): void {
    if (n === 0) return;
    let counters = this.totals.get(topic);
    if (counters === undefined) {
      counters = { accepted: 0, rejected: 0, deduplicated: 0 };
      this.totals.set(topic, counters);
    }
    counters[kind] += n;
  }

  /** Offers accepted events to the listeners, sampled and capped. */
  offer(events: readonly LiveEvent[]): void {
    if (this.listeners.size === 0) return;
    const now = this.options.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.sentInWindow = 0;
    }
    for (const data of events) {
      if (this.options.random() >= this.options.sampleRate || this.sentInWindow >= this.maxPerSecond) {
        this.dropped++;
        continue;
      }
      this.sentInWindow++;
      this.emit({ type: 'event', data });
    }
  }

  snapshot(): CountersSnapshot {
    const totals: Record<string, TopicCounters> = {};
    for (const [topic, counters] of this.totals) totals[topic] = { ...counters };
    return { at: this.options.now(), totals, dropped: this.dropped };
  }

  /** Listens until the returned function is called; the listener gets the counters at once, then every tick. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    listener({ type: 'counters', data: this.snapshot() });
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.emit({ type: 'counters', data: this.snapshot() }), this.tickMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== undefined) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private emit(message: LiveMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}
