import { type SinkKind, SinkRecordError } from './errors';
import type { SinkRecord, StoredRecord } from './sink';

// Kafka's own rule (the local log uses topic names as directory names, so it matters twice).
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export const isValidTopicName = (topic: string): boolean =>
  TOPIC_NAME.test(topic) && topic !== '.' && topic !== '..';

/** Checks a topic name, naming the problem and the fix. */
export function assertTopicName(topic: unknown, sink: SinkKind): asserts topic is string {
  if (typeof topic !== 'string' || !isValidTopicName(topic)) {
    throw new SinkRecordError(
      `invalid topic name ${JSON.stringify(topic)}: use 1-249 characters from a-z A-Z 0-9 . _ - (not "." or "..")`,
      sink,
    );
  }
}

/** Validates records at the sink boundary: callers in plain JavaScript can pass anything. */
export function assertRecords(records: readonly SinkRecord[], sink: SinkKind): void {
  if (!Array.isArray(records)) throw new SinkRecordError('append() takes an array of records', sink);
  records.forEach((record: SinkRecord, i) => {
    const where = `record ${i}`;
    if (typeof record !== 'object' || record === null)
      throw new SinkRecordError(`${where} is not an object`, sink);
    assertTopicName(record.topic, sink);
    if (record.key !== null && typeof record.key !== 'string') {
      throw new SinkRecordError(`${where}: key must be a string or null`, sink);
    }
    const { value } = record;
    if (value !== null && typeof value !== 'string' && !(value instanceof Uint8Array)) {
      throw new SinkRecordError(
        `${where}: value must be a string, a Uint8Array or null (serialize objects with JSON.stringify first)`,
        sink,
      );
    }
    if (
      record.timestamp !== undefined &&
      !(Number.isSafeInteger(record.timestamp) && record.timestamp >= 0)
    ) {
      throw new SinkRecordError(`${where}: timestamp must be a non-negative integer of milliseconds`, sink);
    }
    if (record.headers !== undefined) {
      for (const [name, headerValue] of Object.entries(record.headers)) {
        if (typeof headerValue !== 'string') {
          throw new SinkRecordError(`${where}: header "${name}" must be a string`, sink);
        }
      }
    }
  });
}

/** Records grouped by topic, each group in input order. */
export function groupByTopic<T extends { readonly topic: string }>(records: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const group = groups.get(record.topic);
    if (group) group.push(record);
    else groups.set(record.topic, [record]);
  }
  return groups;
}

const utf8 = new TextDecoder();

/** The value as text (bytes decoded as UTF-8), or null for a tombstone. */
export const valueText = (record: Pick<StoredRecord, 'value'>): string | null =>
  record.value === null || typeof record.value === 'string' ? record.value : utf8.decode(record.value);
