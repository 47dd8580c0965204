/** Running totals the runtimes keep and `/metrics` and `/readyz` read. */
import type { TaskCounters } from '../core/task';

export interface ProcessorStats {
  recordsIn: number;
  windowsEmitted: number;
  lateAccepted: number;
  lateDropped: number;
  invalid: number;
  outputs: number;
  commits: number;
  aborts: number;
  /** `topic:partition` → records behind the end of the partition. */
  readonly lag: Map<string, number>;
  /** Processing: restored and consuming. */
  ready: boolean;
  /** The oldest watermark over the tasks held, ms (null before any event). */
  watermark: number | null;
}

export const newStats = (): ProcessorStats => ({
  recordsIn: 0,
  windowsEmitted: 0,
  lateAccepted: 0,
  lateDropped: 0,
  invalid: 0,
  outputs: 0,
  commits: 0,
  aborts: 0,
  lag: new Map(),
  ready: false,
  watermark: null,
});

/** Adds what a task counted since `before` (a copy of its counters taken earlier). */
export function addCounters(stats: ProcessorStats, now: TaskCounters, before: TaskCounters): void {
  stats.windowsEmitted += now.windowsEmitted - before.windowsEmitted;
  stats.lateAccepted += now.lateAccepted - before.lateAccepted;
  stats.lateDropped += now.lateDropped - before.lateDropped;
  stats.invalid += now.invalid - before.invalid;
}
