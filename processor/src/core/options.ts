/** What the pure core needs to know: window shape, watermark, lateness and the funnel's event names. */

export interface FunnelNames {
  /** Track event names that count as a search. Default `Search Performed`, `Products Searched`. */
  readonly search?: readonly string[];
  /** Track event names that count as a view. Default `Listing Viewed`, `Product Viewed`. */
  readonly view?: readonly string[];
  /** Track event names that count as a booking. Default `Booking Completed`, `Order Completed`. */
  readonly book?: readonly string[];
}

export interface CoreOptions {
  /** Window size, ms. Default 300 000 (5 minutes). */
  readonly windowMs?: number;
  /** Hop (slide) of hopping windows, ms; equal to `windowMs` means tumbling. Default `windowMs`. */
  readonly hopMs?: number;
  /** Bounded out-of-orderness: the watermark trails the largest event time by this, ms. Default 30 000. */
  readonly outOfOrdernessMs?: number;
  /** Allowed lateness (grace) after a window's end, ms: later events update it, events after that are dead-lettered. Default 60 000. */
  readonly graceMs?: number;
  /**
   * With no input for this long (processing time), event time is taken to move with the wall clock so
   * the last windows still close when traffic stops; 0 turns it off. Default 10 000.
   */
  readonly idleMs?: number;
  /** Event names of the search → view → book funnel. Defaults above. */
  readonly funnel?: FunnelNames;
}

export interface ResolvedCoreOptions {
  readonly windowMs: number;
  readonly hopMs: number;
  readonly outOfOrdernessMs: number;
  readonly graceMs: number;
  readonly idleMs: number;
  readonly funnel: Required<FunnelNames>;
}

export const DEFAULT_FUNNEL: Required<FunnelNames> = {
  search: ['Search Performed', 'Products Searched'],
  view: ['Listing Viewed', 'Product Viewed'],
  book: ['Booking Completed', 'Order Completed'],
};

export function resolveCoreOptions(options: CoreOptions = {}): ResolvedCoreOptions {
  const windowMs = options.windowMs ?? 300_000;
  const hopMs = options.hopMs ?? windowMs;
  const resolved = {
    windowMs,
    hopMs,
    outOfOrdernessMs: options.outOfOrdernessMs ?? 30_000,
    graceMs: options.graceMs ?? 60_000,
    idleMs: options.idleMs ?? 10_000,
    funnel: { ...DEFAULT_FUNNEL, ...options.funnel },
  };
  if (!Number.isSafeInteger(windowMs) || windowMs <= 0) {
    throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`);
  }
  if (!Number.isSafeInteger(hopMs) || hopMs <= 0 || hopMs > windowMs) {
    throw new RangeError(
      `hopMs must be a positive integer no larger than windowMs (${windowMs}), got ${hopMs}`,
    );
  }
  for (const k of ['outOfOrdernessMs', 'graceMs', 'idleMs'] as const) {
    if (!Number.isSafeInteger(resolved[k]) || resolved[k] < 0) {
      throw new RangeError(`${k} must be a non-negative integer, got ${resolved[k]}`);
    }
  }
  return resolved;
}
