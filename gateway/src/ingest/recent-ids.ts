/**
 * A bounded, time-windowed memory of ids per scope (write key), in two generations: ids go into the
 * current one; every `windowMs`, or when the current one holds half the bound, it becomes the previous
 * one and the old previous one is dropped whole. An id is so remembered between one and two windows
 * (less only when the bound forces an early turn), and at most `maxEntries` ids are held in all.
 *
 * Each id costs one or two `Map.get`s and one `set`, with no per-entry expiry or eviction: a ring of
 * expiries beside a `Map` would spend seven hash operations on each id, a large share of a
 * request's CPU. Scopes are separate maps, not `${scope}\0${id}` keys that V8 must flatten and hash.
 *
 * A value is whatever the caller keeps per id (the dedup keeps its in-flight promise, then `true`).
 */
export class RecentIds<V> {
  private current = new Map<string, Map<string, V>>();
  private previous = new Map<string, Map<string, V>>();
  private currentEntries = 0;
  private turnedAt: number;

  constructor(
    private readonly maxEntries: number,
    private readonly windowMs: number,
    now: number,
  ) {
    this.turnedAt = now;
  }

  /** Ids held over both generations (an id in both counts twice). */
  get size(): number {
    let total = 0;
    for (const generation of [this.current, this.previous])
      for (const ids of generation.values()) total += ids.size;
    return total;
  }

  /** Starts a new generation when the window has passed or the current one is full. */
  tick(now: number): void {
    if (now - this.turnedAt < this.windowMs && this.currentEntries < this.maxEntries / 2) return;
    this.previous = this.current;
    this.current = new Map();
    this.currentEntries = 0;
    this.turnedAt = now;
  }

  get(scope: string, id: string): V | undefined {
    return this.current.get(scope)?.get(id) ?? this.previous.get(scope)?.get(id);
  }

  /** Sets the id's value in the current generation. */
  set(scope: string, id: string, value: V): void {
    let ids = this.current.get(scope);
    if (ids === undefined) {
      ids = new Map();
      this.current.set(scope, ids);
    }
    const size = ids.size;
    ids.set(id, value);
    if (ids.size > size) this.currentEntries++;
  }

  /** Forgets the id wherever it holds `value`. */
  deleteIf(scope: string, id: string, value: V): void {
    for (const generation of [this.current, this.previous]) {
      const ids = generation.get(scope);
      if (ids?.get(id) === value) ids.delete(id);
    }
  }
}
