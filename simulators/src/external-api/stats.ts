/** Request counters per provider, for tests and the bench (`GET /admin/stats`). */
import type { Provider } from './faults';

export interface ProviderStats {
  requests: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** Records (observations, places, incidents, quotes, bars) in 200 responses. */
  items: number;
}

export class Stats {
  readonly #by = new Map<Provider, ProviderStats>();

  #of(p: Provider): ProviderStats {
    let s = this.#by.get(p);
    if (!s) {
      s = { requests: 0, statuses: {}, items: 0 };
      this.#by.set(p, s);
    }
    return s;
  }
  request(p: Provider): void {
    this.#of(p).requests++;
  }
  status(p: Provider, status: number): void {
    const s = this.#of(p);
    s.statuses[status] = (s.statuses[status] ?? 0) + 1;
  }
  served(p: Provider, items: number): void {
    this.#of(p).items += items;
  }
  snapshot(): Partial<Record<Provider, ProviderStats>> {
    return structuredClone(Object.fromEntries(this.#by));
  }
  reset(): void {
    this.#by.clear();
  }
}
