/** Turns kafkajs errors into the sink's typed errors. */
import { type SinkError, SinkRecordError, SinkTimeoutError, SinkUnavailableError } from '../errors';

// Broker answers that mean these records will never be accepted, however often we retry.
const RECORD_REJECTIONS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TIMESTAMP',
]);

interface KafkajsLike {
  name?: string;
  type?: string;
  message?: string;
  originalError?: unknown;
  cause?: unknown;
}

/** The error and what it wraps (kafkajs nests the last attempt's error in `originalError`). */
function chain(error: unknown): KafkajsLike[] {
  const out: KafkajsLike[] = [];
  for (let e: unknown = error; typeof e === 'object' && e !== null && out.length < 5; ) {
    const k = e as KafkajsLike;
    out.push(k);
    e = k.originalError ?? k.cause;
  }
  return out;
}

export function toSinkError(error: unknown, topics: readonly string[]): SinkError {
  const errors = chain(error);
  const detail = errors.map((e) => e.message).find((m) => m) ?? String(error);
  const options = { cause: error };
  const rejected = errors.find((e) => e.type !== undefined && RECORD_REJECTIONS.has(e.type));
  if (rejected)
    return new SinkRecordError(`Kafka refused the records (${rejected.type}): ${detail}`, 'kafka', options);
  if (
    errors.some((e) => e.type === 'UNKNOWN_TOPIC_OR_PARTITION' || e.name === 'KafkaJSTopicMetadataNotLoaded')
  ) {
    return new SinkUnavailableError(
      `Kafka has no topic among ${topics.join(', ')}: create the topics first (ensureTopics / npm run kafka), then retry`,
      'kafka',
      options,
    );
  }
  if (errors.some((e) => e.name === 'KafkaJSRequestTimeoutError')) {
    return new SinkTimeoutError(
      `Kafka did not acknowledge in time; the records may or may not be stored: ${detail}`,
      'kafka',
      options,
    );
  }
  return new SinkUnavailableError(`Kafka is unavailable: ${detail}`, 'kafka', options);
}
