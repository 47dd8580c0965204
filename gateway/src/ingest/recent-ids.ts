/**
 * A bounded, time-windowed set of ids: a `Map` in insertion order, so the oldest entry is always
 * first. Every operation is O(1) amortised: expired and surplus entries are evicted from the front.
 */
export class RecentIds {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly maxEntries: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.expiries.size;
  }

  has(id: string): boolean {
    const expiry = this.expiries.get(id);
    if (expiry === undefined) return false;
    if (expiry > this.now()) return true;
    this.expiries.delete(id);
    return false;
  }

  add(id: string): void {
    const now = this.now();
    // Re-inserting moves the id to the back, keeping the map ordered by expiry.
    this.expiries.delete(id);
    this.expiries.set(id, now + this.windowMs);
    this.evict(now);
  }

  private evict(now: number): void {
    for (const [oldest, expiry] of this.expiries) {
      if (this.expiries.size <= this.maxEntries && expiry > now) return;
      this.expiries.delete(oldest);
    }
  }
}
