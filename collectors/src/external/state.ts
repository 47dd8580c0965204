/** What the collector remembers between runs, and the run history (Airflow's task instances). */

export interface SourceState {
  /** Incremental cursor per configured entity: the newest `observedAt` stored, ISO 8601. */
  cursors: Record<string, string>;
  /** Last ETag per configured entity (single-page responses only). */
  etags: Record<string, string>;
  /** Recently stored observation times (ms) per record entity, for dedup by (source, entity, observedAt). */
  seen: Record<string, number[]>;
  /** The last scheduled interval that ran to success or partial. */
  lastSuccess?: { start: string; end: string; runId: string };
  /** End of the last scheduled or catch-up interval that ran, whatever its outcome: the scheduler goes on from here. */
  lastAttemptedEnd?: string;
}

export interface CollectorState {
  version: 1;
  sources: Record<string, SourceState>;
}

export const emptyState = (): CollectorState => ({ version: 1, sources: {} });
export const emptySourceState = (): SourceState => ({ cursors: {}, etags: {}, seen: {} });

export const RUN_KINDS = ['scheduled', 'catch-up', 'manual', 'backfill'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export const RUN_STATUSES = ['success', 'partial', 'failed', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunRecord {
  readonly runId: string;
  readonly source: string;
  readonly kind: RunKind;
  readonly intervalStart: string;
  readonly intervalEnd: string;
  readonly status: RunStatus;
  /** Records stored in the external-data topic. */
  readonly records: number;
  /** Records sent to the dead-letter topic. */
  readonly deadLettered: number;
  /** Records dropped as already stored (same source, entity, observedAt). */
  readonly duplicates: number;
  /** HTTP requests that succeeded (pages), and attempts in all (retries included). */
  readonly requests: number;
  readonly attempts: number;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  readonly error?: string;
}

export interface RunFilter {
  readonly source?: string;
  /** The newest `limit` runs. */
  readonly limit?: number;
}

/** Where state and history live: a JSON file by default. */
export interface StateStore {
  load(): Promise<CollectorState>;
  /** Atomic: after a crash the previous or the new state is there, never a mix. */
  save(state: CollectorState): Promise<void>;
  appendRun(run: RunRecord): Promise<void>;
  readRuns(filter?: RunFilter): Promise<RunRecord[]>;
  close(): Promise<void>;
}

/** Drops observation times outside the dedup window and beyond the per-entity cap. */
export function pruneSeen(
  seen: Record<string, number[]>,
  now: number,
  windowMs: number,
  maxPerEntity: number,
): void {
  for (const [entity, times] of Object.entries(seen)) {
    const kept = times.filter((t) => t >= now - windowMs).slice(-maxPerEntity);
    if (kept.length === 0) delete seen[entity];
    else seen[entity] = kept;
  }
}
