/**
 * Drops retried duplicates: a memory of recently STORED messageIds per write key. An id is
 * remembered only after its publish succeeded, so a retry of a failed request is never mistaken
 * for a duplicate. While a request publishes an id, another request carrying the same id waits for
 * that outcome: stored → a duplicate; failed → it publishes the event itself.
 *
 * Ids that came in an unload request (a beacon or keepalive sent as the page hid or closed) are
 * also kept in a second memory, for `unloadWindowMs`: the page often dies before it reads the
 * answer, so its SDK sends those events again on the next visit, which may be hours later.
 */
import { RecentIds } from './recent-ids';

export interface DedupOptions {
  /** How long an id is remembered at least (up to twice this; 0 disables dedup). */
  readonly windowMs: number;
  /**
   * How long an id stored from an unload request is remembered at least (up to twice this), in a
   * memory of its own with the same `maxEntries` bound. @default windowMs (no second memory)
   */
  readonly unloadWindowMs?: number;
  /** The bound over all write keys together, of each memory. */
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

/** Per id: `true` once stored, or the promise of the publish that holds it now. */
type IdState = true | Promise<void>;

export class Dedup {
  private readonly ids: RecentIds<IdState>;
  /** Ids stored from unload requests, kept longer; undefined when their window is no longer. */
  private readonly unloadIds: RecentIds<true> | undefined;
  private readonly enabled: boolean;

  constructor(private readonly options: DedupOptions) {
    this.enabled = options.windowMs > 0;
    const now = options.now();
    this.ids = new RecentIds(options.maxEntries, options.windowMs, now);
    const unloadWindowMs = options.unloadWindowMs ?? 0;
    this.unloadIds =
      this.enabled && unloadWindowMs > options.windowMs
        ? new RecentIds(options.maxEntries, unloadWindowMs, now)
        : undefined;
  }

  /** Remembered ids (for tests and metrics), in both memories. */
  get size(): number {
    return this.ids.size + (this.unloadIds?.size ?? 0);
  }

  /**
   * Decides each id (undefined = the gateway assigned one, never a duplicate); `unload`: the
   * request was sent as its page unloaded, so stored ids go in the longer memory too. Waits while
   * another request publishes any of these ids, without holding claims meanwhile (so two requests
   * waiting on each other cannot deadlock), then claims all of them at once.
   */
  async claim(scope: string, ids: readonly (string | undefined)[], unload = false): Promise<DedupClaim> {
    if (!this.enabled) return { duplicate: ids.map(() => false), ...NO_CLAIM };
    for (;;) {
      const claim = this.tryClaim(scope, ids, unload);
      if (!Array.isArray(claim)) return claim;
      await Promise.all(claim);
    }
  }

  /** Claims every id in one pass; if another request holds any, undoes its own and returns what to wait for. */
  private tryClaim(
    scope: string,
    ids: readonly (string | undefined)[],
    unload: boolean,
  ): DedupClaim | Promise<void>[] {
    const now = this.options.now();
    this.ids.tick(now);
    this.unloadIds?.tick(now);
    let settle = () => {};
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const claimed: string[] = [];
    const busy: Promise<void>[] = [];
    const duplicate = ids.map((id) => {
      if (id === undefined) return false;
      const state = this.ids.get(scope, id) ?? this.unloadIds?.get(scope, id);
      if (state === true || state === settled) return true; // stored, or repeated within this request
      if (state !== undefined) {
        busy.push(state);
        return false;
      }
      this.ids.set(scope, id, settled);
      claimed.push(id);
      return false;
    });
    if (busy.length > 0) {
      for (const id of claimed) this.ids.deleteIf(scope, id, settled);
      return busy;
    }
    if (claimed.length === 0) return { duplicate, ...NO_CLAIM };
    let done = false;
    const finish = (store: boolean) => {
      if (done) return;
      done = true;
      for (const id of claimed) {
        if (store) {
          this.ids.set(scope, id, true);
          if (unload) this.unloadIds?.set(scope, id, true);
        } else this.ids.deleteIf(scope, id, settled);
      }
      settle();
    };
    return { duplicate, commit: () => finish(true), release: () => finish(false) };
  }
}
