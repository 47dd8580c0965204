/**
 * The external collector: one scheduler loop per source (never two runs of a source at once), catch-up
 * of missed intervals on start, manual runs and backfills, all writing through one `Sink` and one
 * `StateStore`. Timers are unref'd; `stop()` lets runs in flight finish (bounded), then aborts them.
 */
import { sleep } from '@inlet/schemas';
import type { Sink } from '@inlet/streams';
import { type Logger, pino } from 'pino';
import type { ExternalConfig, SourceConfig } from './config';
import type { HttpDeps } from './http-client';
import { RateLimiters } from './rate-limiter';
import type { Topics } from './records';
import { type RunContext, runSource } from './run-source';
import { dueIntervals, intervalsBetween, latestInterval } from './schedule';
import {
  type CollectorState,
  emptySourceState,
  type RunRecord,
  type SourceState,
  type StateStore,
} from './state';

export interface ExternalCollectorOptions {
  readonly config: ExternalConfig;
  readonly sink: Sink;
  readonly store: StateStore;
  /** Resolved topic names. */
  readonly topics: Topics;
  /** Default: `Date.now`. */
  readonly now?: () => number;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Jitter source. Default: `Math.random`. */
  readonly random?: () => number;
  /** Default: pino at `info` on stderr. */
  readonly logger?: Logger;
  /** How long `stop()` lets runs in flight finish before aborting them, ms. Default: 10 000. */
  readonly shutdownTimeoutMs?: number;
  /** Most intervals one backfill may cover. Default: 10 000. */
  readonly maxBackfillIntervals?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class ExternalCollector {
  readonly #o: Required<Omit<ExternalCollectorOptions, 'logger'>> & { logger: Logger };
  readonly #state: CollectorState;
  readonly #limiters: RateLimiters;
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #stopping = new AbortController();
  readonly #abortRuns = new AbortController();
  readonly #loops: Promise<void>[] = [];
  #saving: Promise<unknown> = Promise.resolve();

  private constructor(options: ExternalCollectorOptions, state: CollectorState) {
    this.#o = {
      now: Date.now,
      fetch: globalThis.fetch,
      random: Math.random,
      shutdownTimeoutMs: 10_000,
      maxBackfillIntervals: 10_000,
      ...options,
      logger: options.logger ?? pino({ name: 'inlet-external' }, pino.destination(2)),
    };
    this.#state = state;
    // Rate limits are about wall time towards the provider, whatever clock the data intervals follow.
    this.#limiters = new RateLimiters();
  }

  /** Loads the state; no timer starts before `start()`. */
  static async create(options: ExternalCollectorOptions): Promise<ExternalCollector> {
    return new ExternalCollector(options, await options.store.load());
  }

  get sources(): readonly SourceConfig[] {
    return this.#o.config.sources;
  }

  /** A copy of the committed state. */
  state(): CollectorState {
    return structuredClone(this.#state);
  }

  #source(name: string): SourceConfig {
    const source = this.#o.config.sources.find((s) => s.name === name);
    if (!source) {
      const known = this.#o.config.sources.map((s) => s.name).join(', ');
      throw new Error(`unknown source "${name}" in ${this.#o.config.file} (known: ${known})`);
    }
    return source;
  }

  #context(): RunContext {
    const http = (source: SourceConfig): HttpDeps => ({
      fetch: this.#o.fetch,
      now: this.#o.now,
      random: this.#o.random,
      acquire: (signal) => this.#limiters.acquire(source.provider, source.rateLimit, signal),
      onRetry: (info) => this.#o.logger.warn({ source: source.name, ...info }, 'retrying'),
    });
    return {
      sink: this.#o.sink,
      topics: this.#o.topics,
      http,
      now: this.#o.now,
      log: this.#o.logger,
      signal: this.#abortRuns.signal,
      state: (name) => structuredClone(this.#state.sources[name] ?? emptySourceState()),
      commit: (name, state, run) => this.#commit(name, state, run),
    };
  }

  async #commit(name: string, state: SourceState, run: RunRecord): Promise<void> {
    this.#state.sources[name] = state;
    const snapshot = structuredClone(this.#state);
    // Saves of different sources are serialised; each writes the whole state.
    const saved = this.#saving.then(() => this.#o.store.save(snapshot));
    this.#saving = saved.catch(() => undefined);
    await saved;
    await this.#o.store.appendRun(run);
  }

  /** Runs `fn` when no other run of `source` is in progress. */
  #exclusive<T>(source: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(source) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    this.#locks.set(
      source,
      result.catch(() => undefined),
    );
    return result;
  }

  /** One scheduler tick: runs every due interval of the source (catch-up first), in order. */
  runDue(name: string): Promise<RunRecord[]> {
    const source = this.#source(name);
    return this.#exclusive(name, async () => {
      const now = this.#o.now();
      const after = this.#state.sources[name]?.lastAttemptedEnd;
      const { due, skipped } = dueIntervals(
        source.schedule,
        after === undefined ? undefined : Date.parse(after),
        now,
        source.catchUp.maxIntervals,
      );
      const runs: RunRecord[] = [];
      if (skipped) runs.push(await this.#skip(source, skipped));
      const latest = due.at(-1)?.end;
      for (const interval of due) {
        if (this.#stopping.signal.aborted) break;
        const kind = interval.end === latest ? 'scheduled' : 'catch-up';
        runs.push(await runSource(this.#context(), source, interval, kind));
      }
      return runs;
    });
  }

  async #skip(source: SourceConfig, interval: { start: number; end: number }): Promise<RunRecord> {
    const state = structuredClone(this.#state.sources[source.name] ?? emptySourceState());
    state.lastAttemptedEnd = iso(interval.end);
    const now = iso(this.#o.now());
    const error = `missed intervals beyond catchUp.maxIntervals (${source.catchUp.maxIntervals}) were not run; backfill them with: inlet-external backfill ${source.name} --from ${iso(interval.start)} --to ${iso(interval.end)}`;
    const run: RunRecord = {
      runId: `skipped__${iso(interval.start)}__${source.name}`,
      source: source.name,
      kind: 'catch-up',
      intervalStart: iso(interval.start),
      intervalEnd: iso(interval.end),
      status: 'skipped',
      records: 0,
      deadLettered: 0,
      duplicates: 0,
      requests: 0,
      attempts: 0,
      startedAt: now,
      endedAt: now,
      durationMs: 0,
      error,
    };
    this.#o.logger.warn({ source: source.name, from: run.intervalStart, to: run.intervalEnd }, error);
    await this.#commit(source.name, state, run);
    return run;
  }

  /** A run now, outside the schedule: the interval from the latest boundary to now. */
  runNow(name: string): Promise<RunRecord> {
    const source = this.#source(name);
    return this.#exclusive(name, () => {
      const now = this.#o.now();
      const start =
        source.schedule.floor(now) === now
          ? latestInterval(source.schedule, now).start
          : source.schedule.floor(now);
      return runSource(this.#context(), source, { start, end: now }, 'manual');
    });
  }

  /** Runs every interval overlapping [from, to), oldest first; cursors are neither used nor moved. */
  backfill(name: string, from: number, to: number): Promise<RunRecord[]> {
    const source = this.#source(name);
    if (!(from < to))
      throw new Error(`backfill: --from must be before --to (got ${iso(from)} .. ${iso(to)})`);
    const intervals = intervalsBetween(source.schedule, from, to, this.#o.maxBackfillIntervals);
    return this.#exclusive(name, async () => {
      const runs: RunRecord[] = [];
      for (const interval of intervals) {
        if (this.#stopping.signal.aborted) break;
        runs.push(await runSource(this.#context(), source, interval, 'backfill'));
      }
      return runs;
    });
  }

  /** Starts one loop per enabled source: catch up, then run each interval as it ends. */
  start(): void {
    for (const source of this.#o.config.sources.filter((s) => s.enabled)) {
      this.#loops.push(this.#loop(source));
    }
  }

  async #loop(source: SourceConfig): Promise<void> {
    const signal = this.#stopping.signal;
    while (!signal.aborted) {
      try {
        await this.runDue(source.name);
      } catch (error) {
        this.#o.logger.error({ source: source.name, err: error }, 'scheduler tick failed');
      }
      const now = this.#o.now();
      try {
        await sleep(source.schedule.next(now) - now, { signal, onAbort: 'reject', unref: true });
      } catch {
        return;
      }
    }
  }

  /** Stops the loops, lets runs in flight finish within the shutdown timeout, then aborts them. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    const settled = Promise.allSettled([...this.#loops, ...this.#locks.values()]);
    const timer = setTimeout(() => this.#abortRuns.abort(), this.#o.shutdownTimeoutMs);
    timer.unref();
    await settled;
    clearTimeout(timer);
    await this.#saving;
  }
}
