// The harness's programmatic surface. Test files use `@inlet/scripts/testing`; people use `inlet-kafka`.
export { ConfigError, isConfigError } from './config-error';
export type { KafkaBroker, StartKafkaOptions } from './kafka/broker';
export { startKafka } from './kafka/broker';
export { ensureCatalogue } from './kafka/catalogue';
export { brokersFromEnv, parseBrokerList } from './kafka/env';
export {
  isKafkaStartError,
  isKafkaUnavailableError,
  KafkaStartError,
  KafkaUnavailableError,
} from './kafka/errors';
export type { InstallKafkaOptions, KafkaInstall } from './kafka/install';
export { installKafka } from './kafka/install';
export { inletCacheDir } from './kafka/paths';
export type { ClusterInfo, WaitForKafkaOptions } from './kafka/ready';
export { probeKafka, waitForKafka } from './kafka/ready';
export type { TopicSummary } from './kafka/topics';
export { describeTopics } from './kafka/topics';
export { KAFKA_VERSION } from './kafka/version';
export { freePort, freePorts } from './net/free-port';
export type { PostgresFacts } from './postgres/check';
export { pgUrlFromEnv, postgresFacts, requireLogicalReplication } from './postgres/check';
export type { PostgresServer, StartPostgresOptions } from './postgres/embedded';
export { LOGICAL_REPLICATION_FLAGS, startPostgres } from './postgres/embedded';
export { freePortRun } from './start/free-port-run';
