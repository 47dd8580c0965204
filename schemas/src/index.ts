/**
 * @inlet/schemas: the single source of truth for Inlet's events, wire contract and topic records.
 * Zod-free pieces (limits, paths) are also reachable without zod via `@inlet/schemas/limits`.
 */

export type { DurationUnit, ParseDurationOptions } from './duration';
export { parseDuration } from './duration';
export { errorMessage } from './error-message';
export { contextSchema as ContextSchema, integrationsSchema as IntegrationsSchema } from './event/common';
export type { EnrichFacts } from './event/enrich';
export { correctedTimestamp, enrichEvent } from './event/enrich';
export type {
  AppEventRecord,
  ClickRecord,
  EnrichedAliasEvent,
  EnrichedClickEvent,
  EnrichedEvent,
  EnrichedGroupEvent,
  EnrichedIdentifyEvent,
  EnrichedLogEvent,
  EnrichedPageEvent,
  EnrichedScreenEvent,
  EnrichedTrackEvent,
  LogRecord,
} from './event/enriched';
export {
  AppEventRecordSchema,
  ClickRecordSchema,
  EnrichedAliasEventSchema,
  EnrichedClickEventSchema,
  EnrichedEventSchema,
  EnrichedGroupEventSchema,
  EnrichedIdentifyEventSchema,
  EnrichedLogEventSchema,
  EnrichedPageEventSchema,
  EnrichedScreenEventSchema,
  EnrichedTrackEventSchema,
  LogRecordSchema,
} from './event/enriched';
export type { ParseEventResult } from './event/parse';
export { applyBatchContext, eventFromRoute, parseEvent } from './event/parse';
export type {
  AliasEvent,
  ClickEvent,
  Event,
  EventInput,
  GroupEvent,
  IdentifyEvent,
  LogEvent,
  PageEvent,
  ScreenEvent,
  TrackEvent,
} from './event/types';
export {
  AliasEventSchema,
  ClickEventSchema,
  EventSchema,
  EventShapeSchema,
  GroupEventSchema,
  IdentifyEventSchema,
  LogEventSchema,
  PageEventSchema,
  ScreenEventSchema,
  TrackEventSchema,
} from './event/types';
export type { EventType, LogLevel } from './event/variants';
export { EVENT_TYPES, LOG_LEVELS } from './event/variants';
export type { Issue, PathSegment } from './issue-path';
export { formatPath } from './issue-path';
export type { ParseResult } from './issues';
export { humanErrorMap, IssueSchema, parseWithIssues, toIssues } from './issues';
export { checkBackwardCompatible } from './json-schema/compat';
export type { JsonSchema } from './json-schema/export';
export { serialiseJsonSchema, topicJsonSchema, topicJsonSchemas } from './json-schema/export';
export type { Limits, LimitViolation } from './limits';
export {
  checkEventLimits,
  FORBIDDEN_KEYS,
  findLimitViolations,
  jsonByteLength,
  LIMITS,
  utf8ByteLength,
} from './limits';
export type { TopicRecord, TopicRecordSchemas } from './records';
export { TOPIC_RECORD_SCHEMAS } from './records';
export type { AggregateRecord } from './records/aggregates';
export { AggregateRecordSchema } from './records/aggregates';
export type { CdcChangeRecord, CdcOp, CdcSource, SnapshotMarker } from './records/cdc';
export {
  CDC_OPS,
  CdcChangeRecordSchema,
  CdcRowSchema,
  CdcSourceSchema,
  CdcTransactionSchema,
  SNAPSHOT_MARKERS,
} from './records/cdc';
export type { DeadLetterPayload, DeadLetterReason, DeadLetterRecord } from './records/dead-letter';
export { DEAD_LETTER_REASONS, DeadLetterPayloadSchema, DeadLetterRecordSchema } from './records/dead-letter';
export type { ExternalDataRecord } from './records/external';
export { ExternalDataRecordSchema } from './records/external';
export type { BookingStateRecord, BookingStatus, UserStateRecord } from './records/state';
export {
  BOOKING_STATUSES,
  BookingAmountsSchema,
  BookingStateRecordSchema,
  UserStateRecordSchema,
} from './records/state';
export type { RoutableEvent, Route } from './routing';
export { routeEvent, SCHEMA_VERSION, SCHEMA_VERSION_HEADER } from './routing';
export type { SleepAbort, SleepOptions, SleepSignal } from './sleep';
export { AbortedError, sleep } from './sleep';
export type { CleanupPolicy, TopicKey, TopicNames, TopicSpec } from './topics';
export {
  CLEANUP_POLICY,
  DEFAULT_TOPIC_NAMES,
  resolveTopicNames,
  TOPIC_KEYS,
  TOPICS,
  topicCatalogue,
} from './topics';
export type {
  BatchRequest,
  BatchResponse,
  ErrorCode,
  ErrorResponse,
  GatewayResponse,
  HttpStatus,
  RejectedEvent,
  SingleEventType,
} from './wire/contract';
export {
  BATCH_PATH,
  BatchRequestSchema,
  BatchResponseSchema,
  CONTENT_ENCODINGS,
  CONTENT_TYPES,
  ERROR_CODES,
  ERROR_STATUS,
  ErrorResponseSchema,
  GatewayResponseSchema,
  HTTP_STATUS,
  RETRY_AFTER_HEADER,
  RETRYABLE_STATUSES,
  RejectedEventSchema,
  SINGLE_EVENT_PATHS,
  SINGLE_EVENT_TYPES,
  WRITE_KEY_HEADER,
  WRITE_KEY_PARAM,
} from './wire/contract';
export type { BackoffInput, ExponentialDelayInput } from './wire/retry';
export { backoff, exponentialDelay, isRetryableStatus, parseRetryAfter } from './wire/retry';
