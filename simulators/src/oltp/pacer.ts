/**
 * Rate control in changes per second, shared by the workers: each change books the next slot on a
 * schedule that starts when the pacer does, so a slow transaction is caught up on rather than lost
 * (capped at `burst` changes, so a long stall does not turn into a flood).
 */
export interface PacerOptions {
  /** Target changes per second; `Infinity` for as fast as it goes. */
  readonly perSecond: number;
  /** Most changes allowed to catch up at once after a stall. Default: one second's worth, at least 1. */
  readonly burst?: number;
  /** Clock in ms. Default `performance.now`. */
  readonly now?: () => number;
}

export class Pacer {
  private readonly intervalMs: number;
  private readonly burstMs: number;
  private readonly now: () => number;
  private nextAt: number;

  constructor(options: PacerOptions) {
    if (!(options.perSecond > 0)) throw new RangeError('perSecond must be > 0 (Infinity for no limit)');
    this.intervalMs = 1_000 / options.perSecond;
    this.burstMs = this.intervalMs * Math.max(1, options.burst ?? options.perSecond);
    this.now = options.now ?? (() => performance.now());
    this.nextAt = this.now();
  }

  /** Milliseconds to wait before the next transaction may start (0 when it may start now). */
  delayMs(): number {
    if (this.intervalMs === 0) return 0;
    const now = this.now();
    if (this.nextAt < now - this.burstMs) this.nextAt = now - this.burstMs;
    return Math.max(0, this.nextAt - now);
  }

  /** Books `changes` slots for a transaction that ran. */
  consume(changes: number): void {
    this.nextAt += this.intervalMs * Math.max(1, changes);
  }
}
