/**
 * A Chrome trace of the page while it works, and the main-thread busy time read from it: the sum
 * of the renderer main thread's top-level tasks (`ThreadControllerImpl::RunTask`, or `RunTask` in
 * older builds) inside a window that starts at the burst's first `performance.mark` and ends a set
 * time after its last. The marks' trace events also name the page's renderer process and thread.
 * Only the `toplevel` and `blink.user_timing` categories are recorded, which keeps the trace small
 * and its overhead low.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  /** Microseconds. */
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time of a complete event, microseconds, where Chrome records it. */
  readonly tdur?: number;
}

const TASKS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
const CATEGORIES = 'toplevel,blink.user_timing,__metadata';

export interface Tracing {
  /** Ends the trace and returns its events. */
  stop(): Promise<TraceEvent[]>;
}

export async function startTracing(page: Page): Promise<Tracing> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReturnAsStream' });
  return {
    async stop() {
      const complete = new Promise<{ stream?: string }>((resolve) =>
        cdp.once('Tracing.tracingComplete', resolve),
      );
      await cdp.send('Tracing.end');
      const { stream } = await complete;
      if (!stream) throw new Error('Chromium ended the trace without a stream');
      const parts: string[] = [];
      for (;;) {
        const chunk = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
        parts.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
        if (chunk.eof) break;
      }
      await cdp.send('IO.close', { handle: stream });
      await cdp.detach();
      const parsed = JSON.parse(parts.join('')) as TraceEvent[] | { traceEvents: TraceEvent[] };
      return Array.isArray(parsed) ? parsed : parsed.traceEvents;
    },
  };
}

export interface Busy {
  /** Milliseconds of top-level tasks on the page's main thread inside the window. */
  readonly busyMs: number;
  /** The window's length, in ms. */
  readonly windowMs: number;
  readonly tasks: number;
  /**
   * The same tasks' thread CPU time (`tdur`), in ms: what the thread ran, without the time it
   * waited for a core, so it moves less with the machine's other load. A task crossing an edge
   * counts in proportion to its part inside; one without a thread time (Chrome leaves it off a
   * few) counts its whole wall time, so this never reads low.
   */
  readonly cpuMs: number;
}

/**
 * Busy time of the thread that recorded `startMark` from that mark to `afterMs` after `endMark`.
 * Tasks nested in another (a nested run loop) are counted once, through the outer one; tasks
 * crossing the window's edges count only their part inside it.
 */
export function mainThreadBusy(
  events: readonly TraceEvent[],
  startMark: string,
  endMark: string,
  afterMs: number,
): Busy {
  const start = events.find((e) => e.name === startMark);
  const end = events.find((e) => e.name === endMark);
  if (!start || !end) throw new Error(`the trace lacks the marks ${startMark} and ${endMark}`);
  const from = start.ts;
  const to = end.ts + afterMs * 1000;
  const tasks = events
    .filter(
      (e) =>
        e.ph === 'X' &&
        TASKS.has(e.name) &&
        e.pid === start.pid &&
        e.tid === start.tid &&
        e.dur !== undefined,
    )
    .sort((a, b) => a.ts - b.ts);
  let busy = 0;
  let cpu = 0;
  let count = 0;
  let outerEnd = Number.NEGATIVE_INFINITY;
  for (const task of tasks) {
    const taskEnd = task.ts + (task.dur ?? 0);
    if (task.ts < outerEnd) continue; // nested in the previous top-level task
    outerEnd = taskEnd;
    const inside = Math.min(taskEnd, to) - Math.max(task.ts, from);
    if (inside > 0) {
      busy += inside;
      count++;
      cpu += task.tdur === undefined || !task.dur ? inside : (task.tdur * inside) / task.dur;
    }
  }
  return {
    busyMs: busy / 1000,
    windowMs: (to - from) / 1000,
    tasks: count,
    cpuMs: cpu / 1000,
  };
}
