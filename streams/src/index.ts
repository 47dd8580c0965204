export type { SinkKind } from './errors';
export {
  isLogCorruptError,
  isLogLockedError,
  isLogNotFoundError,
  isSinkClosedError,
  isSinkError,
  isSinkRecordError,
  isSinkTimeoutError,
  isSinkUnavailableError,
  isTopicNotFoundError,
  LogCorruptError,
  LogLockedError,
  LogNotFoundError,
  SinkClosedError,
  SinkError,
  SinkRecordError,
  SinkTimeoutError,
  SinkUnavailableError,
  TopicNotFoundError,
} from './errors';
export type { BrokerListResult } from './kafka/broker-list';
export { assertBrokers, BROKER_LIST_EXAMPLE, isBrokerAddress, parseBrokerList } from './kafka/broker-list';
export type { KafkaClientOptions, KafkaRetryOptions } from './kafka/client';
export { createKafkaClient } from './kafka/client';
export type { EnsureTopicsOptions, EnsureTopicsResult } from './kafka/ensure-topics';
export { ensureTopics } from './kafka/ensure-topics';
export type { KafkaReaderOptions, KafkaReadOptions } from './kafka/kafka-reader';
export { createKafkaReader, KafkaReader } from './kafka/kafka-reader';
export type { KafkaSinkOptions } from './kafka/kafka-sink';
export { createKafkaSink, KafkaSink } from './kafka/kafka-sink';
export type { TopicSummary } from './local-log/inspect';
export { describeLocalLog } from './local-log/inspect';
export type { LocalLogOptions, RecoveryReport, TopicLogUsage } from './local-log/local-log';
export { LocalLog, openLocalLog } from './local-log/local-log';
export type { LocalReadOptions } from './local-log/reader';
export { readLocalTopic } from './local-log/reader';
export type { LogEntry, LogLevel, StreamLogger, StructuredLogger } from './logger';
export { filterLogger, LOG_LEVELS, silentLogger, stderrLogger, toStreamLogger } from './logger';
export { assertTopicName, isValidTopicName, valueText } from './records';
export type {
  AppendPosition,
  AppendResult,
  ReadOptions,
  Sink,
  SinkHealth,
  SinkRecord,
  SinkState,
  StoredRecord,
  TopicReader,
} from './sink';
export { SINK_STATES } from './sink';
export type {
  OpenedSink,
  OpenSinkOptions,
  TopicStore,
  TopicStoreChoice,
  TopicStoreFlags,
} from './sink-from-flags';
export {
  chooseTopicStore,
  DEFAULT_DATA_DIR,
  describeTopicStore,
  openSink,
  topicStoreOf,
} from './sink-from-flags';
export type { KafkaTailOptions, LocalTailOptions, Tail, TailOptions, TailStatus } from './tail';
export { tailKafkaTopics, tailLocalLogs } from './tail';
