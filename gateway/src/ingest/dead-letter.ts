/** A rejected event → its dead-letter record (`DeadLetterRecordSchema`), with the original payload. */
import {
  DEAD_LETTER_REASONS,
  type DeadLetterPayload,
  type DeadLetterRecord,
  EVENT_TYPES,
  type Issue,
  jsonByteLength,
  LIMITS,
  routeEvent,
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
  type TopicNames,
} from '@inlet/schemas';
import type { SinkRecord } from '@inlet/streams';
import type { RequestFacts } from './enrich';

export interface Rejection {
  /** The event as the client sent it (a single route's body without its `writeKey`). */
  readonly payload: unknown;
  readonly index: number;
  readonly messageId?: string | undefined;
  readonly errors: readonly Issue[];
}

/** Payloads kept as JSON up to this size; a bigger or unserialisable one is kept as (cut) text. */
const MAX_JSON_PAYLOAD_BYTES = LIMITS.maxRequestBytes;

const eventTypes = new Set<string>(EVENT_TYPES);

const WRITE_KEY_IN_TEXT = /("writeKey"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

function payloadOf(
  value: unknown,
  size: number | { error: string },
  rawBody: () => string,
): DeadLetterPayload {
  if (typeof size === 'number' && size <= MAX_JSON_PAYLOAD_BYTES) return { format: 'json', value };
  // Too deep for JSON.stringify, or huge: keep the request's own text (never its write key), cut.
  const text = rawBody().replace(WRITE_KEY_IN_TEXT, '$1"[redacted]"');
  return { format: 'text', text: text.slice(0, MAX_JSON_PAYLOAD_BYTES) };
}

/** The event's type when it is a known one. */
function knownType(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const type: unknown = (payload as { type?: unknown }).type;
  return typeof type === 'string' && eventTypes.has(type) ? type : undefined;
}

export function deadLetterRecord(
  rejection: Rejection,
  facts: RequestFacts,
  names: TopicNames,
  rawBody: () => string,
): { record: SinkRecord; originalTopic: string | undefined } {
  const size = jsonByteLength(rejection.payload);
  const tooLarge = typeof size === 'number' && size > LIMITS.maxEventBytes;
  const type = knownType(rejection.payload);
  const originalTopic = type === undefined ? undefined : routeEvent({ type }, names).topic;
  const value: DeadLetterRecord = {
    reason: tooLarge ? DEAD_LETTER_REASONS.tooLarge : DEAD_LETTER_REASONS.invalidEvent,
    errors: [...rejection.errors],
    payload: payloadOf(rejection.payload, size, rawBody),
    source: 'gateway',
    receivedAt: facts.receivedAtIso,
    index: rejection.index,
    sourceName: facts.source,
    ...(originalTopic === undefined ? {} : { originalTopic }),
    ...(rejection.messageId === undefined ? {} : { messageId: rejection.messageId }),
  };
  const headers: Record<string, string> = {
    [SCHEMA_VERSION_HEADER]: SCHEMA_VERSION,
    source: facts.source,
    'received-at': facts.receivedAtIso,
    'dead-letter-reason': value.reason,
  };
  if (rejection.messageId !== undefined) headers['message-id'] = rejection.messageId;
  if (type !== undefined) headers['event-type'] = type;
  return {
    record: {
      topic: names.deadLetter,
      key: rejection.messageId ?? null,
      value: JSON.stringify(value),
      timestamp: facts.receivedAt,
      headers,
    },
    originalTopic,
  };
}
