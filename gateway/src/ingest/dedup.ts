/**
 * Drops retried duplicates: a memory of recently STORED messageIds per write key. An id is
 * remembered only after its publish succeeded, so a retry of a failed request is never mistaken
 * for a duplicate. While a request publishes an id, another request carrying the same id waits for
 * that outcome: stored → a duplicate; failed → it publishes the event itself.
 */
import { RecentIds, type ScopeIds } from './recent-ids';

export interface DedupOptions {
  /** How long an id is remembered (0 disables dedup). */
  readonly windowMs: number;
  /** The bound over all write keys together. */
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

interface Scope {
  readonly stored: ScopeIds;
  /** Ids being published right now → settles when their publish does. */
  readonly inFlight: Map<string, Promise<void>>;
}

export class Dedup {
  private readonly recent: RecentIds;
  private readonly scopes = new Map<string, Scope>();
  private readonly enabled: boolean;

  constructor(private readonly options: DedupOptions) {
    this.enabled = options.windowMs > 0;
    this.recent = new RecentIds(options.maxEntries, options.windowMs);
  }

  /** Remembered ids (for tests and metrics). */
  get size(): number {
    return this.recent.size;
  }

  /**
   * Decides each id (undefined = the gateway assigned one, never a duplicate). Waits while another
   * request publishes any of these ids, without holding claims meanwhile (so two requests waiting
   * on each other cannot deadlock), then claims all of them at once.
   */
  async claim(scopeName: string, ids: readonly (string | undefined)[]): Promise<DedupClaim> {
    if (!this.enabled) return { duplicate: ids.map(() => false), ...NO_CLAIM };
    let scope = this.scopes.get(scopeName);
    if (scope === undefined) {
      scope = { stored: this.recent.scope(scopeName), inFlight: new Map() };
      this.scopes.set(scopeName, scope);
    }
    for (;;) {
      const claim = this.tryClaim(scope, ids);
      if (!Array.isArray(claim)) return claim;
      await Promise.all(claim);
    }
  }

  /** Claims every id in one pass; if another request holds any, undoes its own and returns what to wait for. */
  private tryClaim(scope: Scope, ids: readonly (string | undefined)[]): DedupClaim | Promise<void>[] {
    const now = this.options.now();
    let settle = () => {};
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const claimed: string[] = [];
    const busy: Promise<void>[] = [];
    const duplicate = ids.map((id) => {
      if (id === undefined) return false;
      const holder = scope.inFlight.get(id);
      if (holder === settled) return true; // repeated within this request
      if (holder !== undefined) {
        busy.push(holder);
        return false;
      }
      if (this.recent.has(scope.stored, id, now)) return true;
      scope.inFlight.set(id, settled);
      claimed.push(id);
      return false;
    });
    if (busy.length > 0) {
      for (const id of claimed) scope.inFlight.delete(id);
      return busy;
    }
    if (claimed.length === 0) return { duplicate, ...NO_CLAIM };
    let done = false;
    const finish = (store: boolean) => {
      if (done) return;
      done = true;
      const at = this.options.now();
      for (const id of claimed) {
        scope.inFlight.delete(id);
        if (store) this.recent.add(scope.stored, id, at);
      }
      settle();
    };
    return { duplicate, commit: () => finish(true), release: () => finish(false) };
  }
}
