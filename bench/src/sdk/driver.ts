/**
 * The in-page part of the benchmark, served as `/driver.js` before the SDK's own scripts. It is
 * plain JavaScript text, not a function handed to `page.evaluate`, so no build step can slip
 * helpers into it. Each SDK page sets `window.__benchSdk = { ready, track(name, properties) }`.
 *
 * The burst makes `perTask` calls per task and yields between tasks (a MessageChannel message,
 * which, unlike `setTimeout`, is not clamped to 4 ms), so an SDK's own deferred work, network
 * answers and storage callbacks run between them, as on a page whose events come from many
 * handlers. Each call is timed alone with `performance.now()`; the properties are built outside
 * the timed part.
 */
export const BURST_MARKS = { start: 'inlet-bench-burst-start', end: 'inlet-bench-burst-end' } as const;

/** Event name of the measured calls; the endpoint counts its occurrences in what it receives. */
export const BURST_EVENT = 'bench-burst-event';

export interface BurstResult {
  /** Milliseconds inside each call. */
  readonly samples: readonly number[];
  /** `performance.now()` at the first and after the last call. */
  readonly start: number;
  readonly end: number;
}

export interface LongTask {
  readonly start: number;
  readonly duration: number;
}

export const DRIVER_JS = `(() => {
  const properties = (i) => ({ productId: 'sku-' + (i % 500), price: 19.99, currency: 'EUR', category: 'shoes', name: 'Trail Runner 2', position: i });
  const nextTask = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  const calls = async (name, count, perTask, samples) => {
    const track = window.__benchSdk.track;
    for (let i = 0; i < count; ) {
      const end = Math.min(count, i + perTask);
      for (; i < end; i++) {
        const p = properties(i);
        const t = performance.now();
        track(name, p);
        if (samples) samples[i] = performance.now() - t;
      }
      await nextTask();
    }
  };
  window.__bench = {
    async ready() {
      await window.__benchSdk.ready;
      return { crossOriginIsolated: self.crossOriginIsolated };
    },
    warmUp: (count, perTask) => calls('bench-warm-up', count, perTask),
    async burst(count, perTask) {
      const samples = new Array(count);
      performance.mark(${JSON.stringify(BURST_MARKS.start)});
      const start = performance.now();
      await calls(${JSON.stringify(BURST_EVENT)}, count, perTask, samples);
      const end = performance.now();
      performance.mark(${JSON.stringify(BURST_MARKS.end)});
      return { samples, start, end };
    },
    longTasks: () => longTasks.slice(),
    stats: () => (window.__benchSdk.stats ? window.__benchSdk.stats() : null),
  };
})();
`;
