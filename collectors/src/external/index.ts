export type { CliIo } from './cli';
export { runInletExternal, USAGE } from './cli';
export type { ExternalCollectorOptions } from './collector';
export { ExternalCollector } from './collector';
export type { ExternalConfig, ExternalConfigInput, LoadOptions, SourceConfig } from './config';
export { ExternalConfigSchema, loadConfig, resolveConfig } from './config';
export type { FetchFailure } from './errors';
export {
  ExternalConfigError,
  FetchError,
  isExternalConfigError,
  isFetchError,
  isStateLockedError,
  StateLockedError,
} from './errors';
export type { FileStateStoreOptions } from './file-state-store';
export { FileStateStore, readRunHistory } from './file-state-store';
export { formatRuns } from './format';
export { MemoryStateStore } from './memory-state-store';
export type { PgStateStoreOptions } from './pg-state-store';
export { PgStateStore } from './pg-state-store';
export type { RateLimit } from './rate-limiter';
export { RateLimiters, TokenBucket } from './rate-limiter';
export type { Topics } from './records';
export { DEAD_LETTER_SOURCE, recordKey } from './records';
export type { Interval, Schedule, ScheduleSpec } from './schedule';
export { createSchedule, dueIntervals, intervalsBetween, latestInterval } from './schedule';
export type {
  CollectorState,
  RunFilter,
  RunKind,
  RunRecord,
  RunStatus,
  SourceState,
  StateStore,
} from './state';
export { RUN_KINDS, RUN_STATUSES } from './state';
