/** Polls the parts' health endpoints on a timer and keeps the latest answer of each. */
import type { PartHealth } from '../../src/console/model/protocol';
import { type Fetch, notRunning, probeCdc, probeExternal, probeGateway, probeProcessor } from './probes';

export interface HealthUrls {
  readonly gateway?: string | undefined;
  readonly cdc?: string | undefined;
  readonly external?: string | undefined;
  readonly processor?: string | undefined;
}

export interface HealthMonitorOptions {
  /** Time between polls, in ms. Default 2 000. */
  readonly intervalMs?: number;
  /** Time a part has to answer, in ms. Default 1 500. */
  readonly timeoutMs?: number;
  /** Default globalThis.fetch. */
  readonly fetch?: Fetch;
  /** Default Date.now. */
  readonly now?: () => number;
}

// The order the console shows them in: the external collector's run table goes last, full width.
const PROBES = {
  gateway: probeGateway,
  cdc: probeCdc,
  processor: probeProcessor,
  external: probeExternal,
} as const;
const trimSlash = (url: string) => url.replace(/\/+$/, '');

export class HealthMonitor {
  #latest: PartHealth[];
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;
  readonly #o: Required<HealthMonitorOptions>;

  constructor(
    readonly urls: HealthUrls,
    options: HealthMonitorOptions = {},
  ) {
    this.#o = { intervalMs: 2_000, timeoutMs: 1_500, fetch: globalThis.fetch, now: Date.now, ...options };
    const now = this.#o.now();
    this.#latest = Object.keys(PROBES).map((name) =>
      urls[name as keyof HealthUrls] === undefined
        ? notRunning(name, now)
        : { name, state: 'down', summary: 'checking…', facts: [], checkedAt: now },
    );
  }

  latest(): readonly PartHealth[] {
    return this.#latest;
  }

  /** One round of probes (all parts at once); resolves when every probe answered or timed out. */
  poll(): Promise<void> {
    this.#polling ??= (async () => {
      const ctx = { fetch: this.#o.fetch, timeoutMs: this.#o.timeoutMs, now: this.#o.now() };
      this.#latest = await Promise.all(
        (Object.entries(PROBES) as [keyof HealthUrls, (typeof PROBES)[keyof typeof PROBES]][]).map(
          ([name, probe]) => {
            const url = this.urls[name];
            return url === undefined ? notRunning(name, ctx.now) : probe(trimSlash(url), ctx);
          },
        ),
      );
    })().finally(() => {
      this.#polling = undefined;
    });
    return this.#polling;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    void this.poll();
    this.#timer = setInterval(() => void this.poll(), this.#o.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#polling;
  }
}
