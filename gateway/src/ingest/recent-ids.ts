/**
 * A bounded, time-windowed memory of ids, kept apart per scope (write key) under ONE bound. Each
 * scope is a `Map` id → expiry that answers membership; a ring of (scope, id, expiry) in insertion
 * order says which entry is the oldest. Every operation is O(1): expired and surplus entries are
 * evicted from the ring's head.
 *
 * Scopes are separate maps rather than `${scope}\0${id}` keys: a concatenated key is a new string
 * that V8 must flatten and hash on every lookup (measured: ~1 µs an id, 5% of a request's CPU).
 *
 * Not the Map's own insertion order: V8 leaves a deleted entry as a hole until the table is rebuilt,
 * and iterating from the front to find the oldest live entry walks over every hole, which made `add`
 * O(holes) once the set was full (measured: 8% of a request's CPU at 100,000 entries).
 */

/** One scope's ids → their expiry (epoch ms). Read through `RecentIds`, which owns the bound. */
export type ScopeIds = Map<string, number>;

export class RecentIds {
  private readonly scopes = new Map<string, ScopeIds>();
  private readonly ringIds: (string | undefined)[];
  private readonly ringScopes: (ScopeIds | undefined)[];
  private readonly ringExpiries: Float64Array;
  /** Ring slot of the oldest entry, and how many slots are in use. */
  private head = 0;
  private count = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly windowMs: number,
  ) {
    this.ringIds = new Array<string | undefined>(maxEntries).fill(undefined);
    this.ringScopes = new Array<ScopeIds | undefined>(maxEntries).fill(undefined);
    this.ringExpiries = new Float64Array(maxEntries);
  }

  /** Remembered ids over all scopes (expired ones count until evicted). */
  get size(): number {
    let total = 0;
    for (const ids of this.scopes.values()) total += ids.size;
    return total;
  }

  /** The scope's ids, created on first use. */
  scope(name: string): ScopeIds {
    let ids = this.scopes.get(name);
    if (ids === undefined) {
      ids = new Map();
      this.scopes.set(name, ids);
    }
    return ids;
  }

  has(ids: ScopeIds, id: string, now: number): boolean {
    const expiry = ids.get(id);
    if (expiry === undefined) return false;
    if (expiry > now) return true;
    ids.delete(id);
    return false;
  }

  add(ids: ScopeIds, id: string, now: number): void {
    this.evict(now);
    if (this.count === this.maxEntries) this.dropOldest();
    const expiry = now + this.windowMs;
    // Re-adding an id leaves its older ring slot behind; `dropOldest` skips it by its expiry.
    ids.set(id, expiry);
    const slot = (this.head + this.count) % this.maxEntries;
    this.ringIds[slot] = id;
    this.ringScopes[slot] = ids;
    this.ringExpiries[slot] = expiry;
    this.count++;
  }

  private evict(now: number): void {
    while (this.count > 0 && (this.ringExpiries[this.head] ?? 0) <= now) this.dropOldest();
  }

  private dropOldest(): void {
    const id = this.ringIds[this.head];
    const ids = this.ringScopes[this.head];
    if (id !== undefined && ids !== undefined && ids.get(id) === this.ringExpiries[this.head]) ids.delete(id);
    this.ringIds[this.head] = undefined;
    this.ringScopes[this.head] = undefined;
    this.head = (this.head + 1) % this.maxEntries;
    this.count--;
  }
}
