/**
 * The topic catalogue: every Kafka topic Inlet writes, with its default name, partition count and
 * cleanup policy. Names are configurable (see `resolveTopicNames`); the keys are stable.
 */
export const TOPIC_KEYS = [
  'appEvents',
  'clickstream',
  'appLogs',
  'cdcChanges',
  'externalData',
  'processedEvents',
  'userState',
  'bookingState',
  'deadLetter',
] as const;

export type TopicKey = (typeof TOPIC_KEYS)[number];

export const CLEANUP_POLICY = { delete: 'delete', compact: 'compact' } as const;
export type CleanupPolicy = (typeof CLEANUP_POLICY)[keyof typeof CLEANUP_POLICY];

export interface TopicSpec {
  readonly key: TopicKey;
  /** Default topic name; override per deployment with `resolveTopicNames`. */
  readonly name: string;
  readonly partitions: number;
  readonly cleanupPolicy: CleanupPolicy;
  /** Extra Kafka topic configs (string values, as Kafka takes them). */
  readonly configs: Readonly<Record<string, string>>;
  readonly description: string;
}

const spec = (
  key: TopicKey,
  name: string,
  partitions: number,
  cleanupPolicy: CleanupPolicy,
  description: string,
  configs: Record<string, string> = {},
): TopicSpec => ({ key, name, partitions, cleanupPolicy, description, configs });

// Compacted state topics keep the latest value per key forever; the rest keep 7 days by default.
const compacted = { 'min.cleanable.dirty.ratio': '0.1', 'segment.ms': '3600000' };

export const TOPICS: Readonly<Record<TopicKey, TopicSpec>> = {
  appEvents: spec(
    'appEvents',
    'topic_app_events',
    6,
    'delete',
    'track/page/screen/identify/group/alias events',
  ),
  clickstream: spec(
    'clickstream',
    'topic_clickstream',
    6,
    'delete',
    'click events (element, selector, coordinates)',
  ),
  appLogs: spec('appLogs', 'topic_app_logs', 3, 'delete', 'log events from apps (level, message, error)'),
  cdcChanges: spec(
    'cdcChanges',
    'topic_cdc_changes',
    3,
    'delete',
    'Debezium-compatible row changes from PostgreSQL',
  ),
  externalData: spec('externalData', 'topic_external_data', 3, 'delete', 'weather, maps and market records'),
  processedEvents: spec('processedEvents', 'topic_processed_events', 3, 'delete', 'windowed aggregates'),
  userState: spec('userState', 'topic_user_state', 3, 'compact', 'latest state per user', compacted),
  bookingState: spec(
    'bookingState',
    'topic_booking_state',
    3,
    'compact',
    'latest state per booking',
    compacted,
  ),
  deadLetter: spec('deadLetter', 'topic_dead_letter', 1, 'delete', 'rejected records with the reason'),
};

export type TopicNames = Readonly<Record<TopicKey, string>>;

export const DEFAULT_TOPIC_NAMES: TopicNames = Object.fromEntries(
  TOPIC_KEYS.map((k) => [k, TOPICS[k].name]),
) as Record<TopicKey, string>;

/** Default names with per-deployment overrides applied. */
export function resolveTopicNames(overrides: Partial<Record<TopicKey, string>> = {}): TopicNames {
  return { ...DEFAULT_TOPIC_NAMES, ...overrides };
}

/** The catalogue with resolved names, in catalogue order: what topic creation walks. */
export function topicCatalogue(names: TopicNames = DEFAULT_TOPIC_NAMES): readonly TopicSpec[] {
  return TOPIC_KEYS.map((k) => ({ ...TOPICS[k], name: names[k] }));
}
