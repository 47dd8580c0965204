/** Virtual users on the real SDK core: journeys, load models, faults, the run and its report. */
export type { Catalog, Product, Stay } from './catalog';
export { makeCatalog } from './catalog';
export type { RunArgs } from './cli-args';
export { parseRunArgs, RUN_USAGE } from './cli-args';
export type { CliIo } from './cli-run';
export { runCommand } from './cli-run';
export type { FaultCounts, FaultOptions, OfflineWindow } from './faults';
export { faultyTransport, parseOfflineWindows } from './faults';
export type { Emit, Journey, JourneyExpectation, StateSpec, Stream } from './journey';
export {
  EXIT,
  expectJourney,
  firstState,
  journeyProblems,
  nextState,
  STREAMS,
  steadyPhase,
  streamOf,
} from './journey';
export { JOURNEYS } from './journeys/index';
export type { LedgerEntry, LedgerHeader, LedgerWriter } from './ledger';
export { isLedgerError, LedgerError, openLedger, readLedger } from './ledger';
export { RequestMetrics } from './metrics';
export type { PopulationCounts } from './population';
export { Population } from './population';
export type { LoadPlan, PlanOptions, ProfileName } from './profiles';
export {
  expectedPerMinute,
  LOAD_MIX,
  PROFILE_NAMES,
  planLoad,
  SEED_RATES,
  SEED_USERS,
  seedThinkScale,
} from './profiles';
export type { RunReport } from './report';
export { buildReport, formatReport } from './report';
export { Rng, seedFrom } from './rng';
export type { Progress, SimulationOptions } from './run';
export { runSimulation } from './run';
export type { SchedulerOptions, SchedulerStats } from './scheduler';
export { Scheduler } from './scheduler';
export type { Stage } from './stages';
export {
  isStageError,
  parseStages,
  rampHoldDown,
  StageError,
  targetAt,
  totalMs,
} from './stages';
export type { Think } from './think';
export { exponential, fixed, lognormal, meanThink, sampleThink, uniform } from './think';
export type { UserKind, UserProfile } from './users';
export { makeUser, USER_KINDS } from './users';
export type { VuEnv } from './virtual-user';
export { INVALID_SCREEN, KIND_CORE_OPTIONS, LIBRARIES, VirtualUser } from './virtual-user';
export type { ClickTarget, JourneyVars, VuApi } from './vu-api';
