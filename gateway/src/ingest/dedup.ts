/**
 * Drops retried duplicates: a memory of recently STORED messageIds per write key. An id is
 * remembered only after its publish succeeded, so a retry of a failed request is never mistaken
 * for a duplicate. While a request publishes an id, another request carrying the same id waits for
 * that outcome: stored → a duplicate; failed → it publishes the event itself.
 */
import { RecentIds } from './recent-ids';

export interface DedupOptions {
  /** How long an id is remembered (0 disables dedup). */
  readonly windowMs: number;
  readonly maxEntries: number;
  readonly now: () => number;
}

/** A request's ids, decided: which are duplicates, and the claim on the rest. */
export interface DedupClaim {
  /** Per input position: already stored (or repeated earlier in the same request). */
  readonly duplicate: readonly boolean[];
  /** The publish succeeded: remember the claimed ids. */
  commit(): void;
  /** The publish failed: forget the claim so a retry publishes again. */
  release(): void;
}

const NO_CLAIM: Omit<DedupClaim, 'duplicate'> = { commit() {}, release() {} };

export class Dedup {
  private readonly stored: RecentIds;
  /** Ids being published right now → settles when their publish does. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly enabled: boolean;

  constructor(options: DedupOptions) {
    this.enabled = options.windowMs > 0;
    this.stored = new RecentIds(options.maxEntries, options.windowMs, options.now);
  }

  /** Remembered ids (for tests and metrics). */
  get size(): number {
    return this.stored.size;
  }

  /**
   * Decides each id (undefined = the gateway assigned one, never a duplicate). Waits while another
   * request publishes any of these ids, without holding claims meanwhile (so two requests waiting
   * on each other cannot deadlock), then claims all of them at once.
   */
  async claim(scope: string, ids: readonly (string | undefined)[]): Promise<DedupClaim> {
    if (!this.enabled) return { duplicate: ids.map(() => false), ...NO_CLAIM };
    const keys = ids.map((id) => (id === undefined ? undefined : `${scope}\u0000${id}`));
    for (;;) {
      const busy = new Set<Promise<void>>();
      for (const key of keys) {
        const pending = key === undefined ? undefined : this.inFlight.get(key);
        if (pending !== undefined) busy.add(pending);
      }
      if (busy.size === 0) return this.take(keys);
      await Promise.all(busy);
    }
  }

  private take(keys: readonly (string | undefined)[]): DedupClaim {
    const claimed: string[] = [];
    const seen = new Set<string>();
    const duplicate = keys.map((key) => {
      if (key === undefined) return false;
      if (seen.has(key) || this.stored.has(key)) return true;
      seen.add(key);
      claimed.push(key);
      return false;
    });
    if (claimed.length === 0) return { duplicate, ...NO_CLAIM };
    let settle = () => {};
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    for (const key of claimed) this.inFlight.set(key, settled);
    let done = false;
    const finish = (store: boolean) => {
      if (done) return;
      done = true;
      for (const key of claimed) {
        this.inFlight.delete(key);
        if (store) this.stored.add(key);
      }
      settle();
    };
    return { duplicate, commit: () => finish(true), release: () => finish(false) };
  }
}
