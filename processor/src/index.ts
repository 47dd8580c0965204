export type { UserState } from './core/entity-state';
export type { InputRole } from './core/input';
export { decodeInput, INPUT_ROLES } from './core/input';
export type { CoreOptions, FunnelNames, ResolvedCoreOptions } from './core/options';
export { DEFAULT_FUNNEL, resolveCoreOptions } from './core/options';
export type { TaskCounters, TaskInput, TaskOutput, TaskSnapshot } from './core/task';
export { aggregateKey, TaskProcessor } from './core/task';
