/**
 * One SDK, one page, one measurement: load the page, wait for the SDK, warm it up and let its
 * sends settle, then trace a burst of `calls` and the `afterMs` after it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { BURST_MARKS, type BurstResult, type LongTask } from './driver';
import { type CpuProfile, startProfiling } from './profile';
import type { BenchSdk } from './sdks';
import type { Endpoint } from './servers';
import { mainThreadBusy, startTracing } from './trace';

export interface MeasureOptions {
  readonly calls: number;
  readonly perTask: number;
  readonly warmUp: number;
  /** The part of the window after the burst, in ms. */
  readonly afterMs: number;
  /** Take a CPU profile over the window too (slows the page). */
  readonly profile?: boolean;
}

export interface Measurement {
  readonly sdk: BenchSdk;
  readonly calls: number;
  /** Milliseconds inside each call. */
  readonly samples: readonly number[];
  readonly burstMs: number;
  readonly busyMs: number;
  /** The busy tasks' thread CPU time, ms. */
  readonly cpuMs: number;
  readonly windowMs: number;
  /** Top-level tasks of the page's main thread inside the window. */
  readonly tasks: number;
  readonly longTasksInBurst: number;
  readonly longTasksAfter: number;
  /** The longest task the page reported over the window, in ms (0 if none over 50 ms). */
  readonly longestTaskMs: number;
  readonly requests: number;
  readonly events: number;
  readonly bytes: number;
  readonly paths: ReadonlyMap<string, number>;
  readonly crossOriginIsolated: boolean;
  /** The SDK's own counters after the window, where it has them (Inlet's `stats()`). */
  readonly stats: unknown;
  /** Over the window, when asked for. */
  readonly profile?: CpuProfile;
}

/** Page errors and console errors and warnings: an SDK that failed to load, send, or refused to. */
function watchErrors(page: Page, errors: string[]) {
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'error' || type === 'warning') errors.push(`console ${type}: ${message.text()}`);
  });
}

/** Resolves once the endpoint has seen no request for `quietMs` (at most `maxMs`). */
async function settle(endpoint: Endpoint, quietMs: number, maxMs: number) {
  const until = Date.now() + maxMs;
  let last = -1;
  while (Date.now() < until) {
    const seen = endpoint.counts().requests;
    if (seen === last) return;
    last = seen;
    await sleep(quietMs);
  }
}

/** `promise`, or an error saying `message()` once `ms` have passed. */
async function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  const timeout = new AbortController();
  try {
    return await Promise.race([
      promise,
      sleep(ms, undefined, { signal: timeout.signal }).then(() => Promise.reject(new Error(message()))),
    ]);
  } finally {
    timeout.abort();
  }
}

const evaluate = <T>(page: Page, expression: string) => page.evaluate(expression) as Promise<T>;

export async function measure(
  context: BrowserContext,
  pages: string,
  endpoint: Endpoint,
  sdk: BenchSdk,
  options: MeasureOptions,
): Promise<Measurement & { errors: string[] }> {
  const { calls, perTask, warmUp, afterMs, profile } = options;
  const page = await context.newPage();
  const errors: string[] = [];
  watchErrors(page, errors);
  try {
    // Every SDK page shares the pages' origin: none may find another's queue or identity.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: pages, storageTypes: 'all' });
    await cdp.detach();
    await page.goto(`${pages}/${sdk.key}.html`, { waitUntil: 'load' });
    const ready = await within(
      evaluate<{ crossOriginIsolated: boolean }>(page, 'window.__bench.ready()'),
      20_000,
      () => `${sdk.name} was not ready within 20 s${errors.length ? `: ${errors.join('; ')}` : ''}`,
    );
    await evaluate(page, `window.__bench.warmUp(${warmUp}, ${perTask})`);
    await settle(endpoint, 1_000, 8_000);

    endpoint.reset();
    const tracing = await startTracing(page);
    const profiling = profile ? await startProfiling(page) : undefined;
    const burst = await evaluate<BurstResult>(page, `window.__bench.burst(${calls}, ${perTask})`);
    await sleep(afterMs);
    const cpuProfile = await profiling?.stop();
    // The window ends here: what reaches the endpoint while the trace is collected does not count.
    const live = endpoint.counts();
    const counts = { ...live, paths: new Map(live.paths) };
    const longTasks = await evaluate<LongTask[]>(page, 'window.__bench.longTasks()');
    const stats = await evaluate<unknown>(page, 'window.__bench.stats()');
    const events = await tracing.stop();
    const busy = mainThreadBusy(events, BURST_MARKS.start, BURST_MARKS.end, afterMs);
    const inBurst = longTasks.filter((t) => t.start >= burst.start && t.start < burst.end);
    const after = longTasks.filter((t) => t.start >= burst.end && t.start < burst.end + afterMs);
    return {
      sdk,
      calls,
      samples: burst.samples,
      burstMs: burst.end - burst.start,
      busyMs: busy.busyMs,
      cpuMs: busy.cpuMs,
      windowMs: busy.windowMs,
      tasks: busy.tasks,
      longTasksInBurst: inBurst.length,
      longTasksAfter: after.length,
      longestTaskMs: Math.max(0, ...[...inBurst, ...after].map((t) => t.duration)),
      requests: counts.requests,
      events: counts.events,
      bytes: counts.bytes,
      paths: counts.paths,
      crossOriginIsolated: ready.crossOriginIsolated,
      stats,
      errors,
      ...(cpuProfile && { profile: cpuProfile }),
    };
  } finally {
    await page.close();
  }
}
