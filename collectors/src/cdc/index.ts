/** The PostgreSQL CDC collector: logical replication (pgoutput) → Debezium-compatible events → a Sink. */

export type { CdcCliIo } from './cli';
export { cdcTopicSpecs, runCdcCli } from './cli';
export { CDC_USAGE, parseCdcArgs } from './cli-args';
export type { CdcCollector } from './collector';
export { startCdcCollector } from './collector';
export type { ValueOptions } from './column-types';
export { columnValue, PG_TYPES, UNAVAILABLE_VALUE } from './column-types';
export type { DecodedEvent, DecoderOptions } from './decoder';
export { HEARTBEAT_PREFIX, PgoutputDecoder } from './decoder';
export type { ChangePosition, SourceIdentity, TableShape } from './envelope';
export { envelope, keyOf, LSN_HEADER, rowValues, sourceBlock } from './envelope';
export { CdcConfigError, CdcStreamError, isCdcConfigError, isCdcStreamError } from './errors';
export type { HealthServer } from './health';
export { startHealthServer } from './health';
export type { Lsn } from './lsn';
export { compareLsn, formatLsn, parseLsn } from './lsn';
export { CdcMetrics } from './metrics';
export type { CdcCollectorOptions, CdcLogger, SnapshotMode } from './options';
export { SNAPSHOT_MODES } from './options';
export type { AppendedBatch } from './outbound';
export type { ReplicaIdentity } from './preflight';
export { checkServer, REPLICA_IDENTITIES } from './preflight';
export { dropSlot, retainedWalBytes, slotState } from './slot';
export type { CdcPhase, CdcStatus } from './status';
export type { TableRef } from './tables';
export { parseTables } from './tables';
