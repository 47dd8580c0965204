import type { Timers } from '@inlet/sdk-core';

interface Entry {
  at: number;
  seq: number;
  fn: (() => void) | undefined;
}

export interface SchedulerOptions {
  /**
   * `real`: one Node timer armed for the earliest entry. `virtual`: time moves only through
   * `advance`, for tests and for computing a run's target event counts. @default 'real'
   */
  mode?: 'real' | 'virtual';
  /** Virtual mode: where the clock starts, ms since the epoch. @default 1_700_000_000_000 */
  start?: number;
  /** Entries run per turn of the event loop before yielding to I/O (real mode). @default 2_000 */
  batch?: number;
}

export interface SchedulerStats {
  /** Entries run. */
  readonly ran: number;
  /** How late entries ran on average and at worst, ms (real mode; 0 in virtual mode). */
  readonly meanLagMs: number;
  readonly maxLagMs: number;
  readonly pending: number;
}

/**
 * One timer for every virtual user: a binary heap of due times (ties run in scheduling order)
 * drained by a single Node timer, so 10,000 users cost one timer, not 20,000. It is also the
 * `Timers` and clock of every SDK core, so a run in virtual time is the same run, only faster.
 * Cancelled entries stay in the heap, emptied, until their time comes.
 */
export class Scheduler implements Timers {
  private readonly heap: Entry[] = [];
  private seq = 0;
  private clock: number;
  private readonly virtual: boolean;
  private readonly batch: number;
  private timer: NodeJS.Timeout | undefined;
  private armedAt = Infinity;
  private running = false;
  private draining = false;
  private ran = 0;
  private lagSum = 0;
  private lagMax = 0;

  constructor(options: SchedulerOptions = {}) {
    this.virtual = options.mode === 'virtual';
    this.clock = options.start ?? 1_700_000_000_000;
    this.batch = options.batch ?? 2_000;
  }

  readonly now = (): number => (this.virtual ? this.clock : Date.now());

  /** Runs `fn` at `at` (ms since the epoch); returns a handle for `clearTimeout`. */
  at(at: number, fn: () => void): unknown {
    const entry: Entry = { at, seq: this.seq++, fn };
    this.push(entry);
    if (!this.virtual && this.running && !this.draining && at < this.armedAt) this.arm();
    return entry;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    return this.at(this.now() + Math.max(0, ms), fn);
  }

  clearTimeout(handle: unknown): void {
    if (handle && typeof handle === 'object' && 'fn' in handle) (handle as Entry).fn = undefined;
  }

  /** Real mode: starts draining. The Node timer is ref'd: a running simulation keeps its process. */
  start(): void {
    this.running = true;
    if (!this.virtual) this.arm();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Infinity;
  }

  /** Virtual mode: runs everything due up to `now + ms`, letting promises settle after each entry. */
  async advance(ms: number): Promise<void> {
    const until = this.clock + ms;
    for (;;) {
      const top = this.heap[0];
      if (!top || top.at > until) break;
      this.pop();
      this.clock = Math.max(this.clock, top.at);
      this.run(top, 0);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.clock = until;
  }

  stats(): SchedulerStats {
    return {
      ran: this.ran,
      meanLagMs: this.ran ? this.lagSum / this.ran : 0,
      maxLagMs: this.lagMax,
      pending: this.heap.length,
    };
  }

  private run(entry: Entry, lag: number): void {
    const { fn } = entry;
    if (!fn) return;
    entry.fn = undefined;
    this.ran++;
    this.lagSum += lag;
    if (lag > this.lagMax) this.lagMax = lag;
    try {
      fn();
    } catch (error) {
      process.emitWarning(`a scheduled task threw: ${String(error)}`);
    }
  }

  private arm(): void {
    clearTimeout(this.timer);
    const top = this.heap[0];
    this.armedAt = top ? top.at : Infinity;
    this.timer = top ? setTimeout(this.drain, Math.max(0, top.at - Date.now())) : undefined;
  }

  private readonly drain = (): void => {
    this.timer = undefined;
    this.armedAt = Infinity;
    if (!this.running) return;
    const now = Date.now();
    this.draining = true;
    for (let i = 0; i < this.batch; i++) {
      const top = this.heap[0];
      if (!top || top.at > now) break;
      this.pop();
      this.run(top, now - top.at);
    }
    this.draining = false;
    const top = this.heap[0];
    if (top && top.at <= Date.now()) {
      // More is due: yield to I/O (responses) first, then go on.
      this.armedAt = 0;
      setImmediate(() => this.running && this.drain());
    } else this.arm();
  };

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(entry: Entry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as Entry;
      if (!this.less(entry, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = entry;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (!last || !h.length) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= h.length) break;
      const right = left + 1;
      const child = right < h.length && this.less(h[right] as Entry, h[left] as Entry) ? right : left;
      if (!this.less(h[child] as Entry, last)) break;
      h[i] = h[child] as Entry;
      i = child;
    }
    h[i] = last;
  }
}
