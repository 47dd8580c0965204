/**
 * Turns a stored record into what the console lists: its Kafka metadata, a type to filter by and a
 * short label. Values are untrusted: nothing here assumes a shape, and a value that is not JSON or not
 * the expected record still gets listed (type `unparsed`).
 */
import type { TopicKey, TopicNames } from '@inlet/schemas';
import { type StoredRecord, valueText } from '@inlet/streams';
import { type ConsoleRecord, VALUE_LIMIT } from '../../src/console/model/protocol';

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};

function parse(text: string | null): Json | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** [type, label] of a parsed value, by the topic it came from. */
function describe(
  key: TopicKey | undefined,
  v: Json,
  headers: Readonly<Record<string, string>>,
): [string, string] {
  switch (key) {
    case 'appEvents':
    case 'clickstream':
    case 'appLogs': {
      const type = headers['event-type'] ?? str(v.type);
      const element = obj(v.element);
      const clicked = str(element.text) || str(element.selector) || str(element.tag);
      const logged = v.level === undefined ? '' : `${str(v.level)}: ${str(v.message)}`;
      const label = str(v.event) || str(v.name) || logged || clicked || str(v.userId) || '';
      return [type || 'event', label];
    }
    case 'cdcChanges': {
      const source = obj(v.source);
      return [str(v.op) || 'change', [str(source.schema), str(source.table)].filter(Boolean).join('.')];
    }
    case 'externalData':
      return [str(v.source) || 'external', str(v.entity)];
    case 'processedEvents':
      return [str(v.metric) || 'aggregate', `${str(v.windowStart)} · ${str(v.count)}`];
    case 'userState':
      return ['user', str(v.userId)];
    case 'bookingState':
      return [str(v.status) || 'booking', str(v.bookingId)];
    case 'deadLetter':
      return [
        str(v.reason) || 'dead-letter',
        [str(v.source), str(v.originalTopic)].filter(Boolean).join(' → '),
      ];
    default:
      return [str(v.type) || 'record', ''];
  }
}

/** Which catalogue key a topic name has, for the deployment's names. */
export function topicKeys(names: TopicNames): ReadonlyMap<string, TopicKey> {
  return new Map(Object.entries(names).map(([k, name]) => [name, k as TopicKey]));
}

export function summarize(record: StoredRecord, keys: ReadonlyMap<string, TopicKey>): ConsoleRecord {
  const text = record.value === null ? null : valueText(record);
  const parsed = parse(text);
  const [type, label] =
    text === null
      ? ['tombstone', '']
      : parsed === undefined
        ? ['unparsed', '']
        : describe(keys.get(record.topic), parsed, record.headers);
  const truncated = text !== null && text.length > VALUE_LIMIT;
  return {
    id: `${record.topic}/${record.partition}/${record.offset}`,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key,
    headers: record.headers,
    timestamp: record.timestamp,
    type: type.slice(0, 64),
    label: label.slice(0, 200),
    value: truncated ? text.slice(0, VALUE_LIMIT) : text,
    truncated,
  };
}

/** Reason, source and first error message of a dead-letter record, or undefined if it has none. */
export function deadLetterOf(
  value: string | null,
): { reason: string; source: string; message: string } | undefined {
  const v = parse(value);
  if (v === undefined) return undefined;
  const first = obj(Array.isArray(v.errors) ? v.errors[0] : undefined);
  const path = Array.isArray(first.path) ? first.path.join('.') : str(first.path);
  const message = str(first.message);
  return {
    reason: str(v.reason) || 'unknown',
    source: str(v.source) || 'unknown',
    message: path && message ? `${path}: ${message}` : message,
  };
}
