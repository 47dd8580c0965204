/** The travel-booking OLTP workload: the database a CDC collector follows. */
export { OLTP_USAGE, parseOltpArgs, runOltpCli } from './cli';
export type { LedgerComparison, RowChange, RowOp } from './ledger';
export { ChangeLedger, changeId, compareLedger, ROW_OPS } from './ledger';
export type { Migration, OltpTable } from './migrations';
export { MIGRATIONS, migrate, OLTP_TABLES } from './migrations';
export type { PacerOptions } from './pacer';
export { Pacer } from './pacer';
export type { OltpProfile } from './profiles';
export { OLTP_PROFILE_NAMES, OLTP_PROFILES } from './profiles';
export type { OltpRunStats, OltpWorkloadOptions } from './workload';
export { isOltpConfigError, OltpConfigError, runOltpWorkload } from './workload';
