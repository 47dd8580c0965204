/** Sink records of the external collector: external-data records and dead letters. */
import {
  DEAD_LETTER_REASONS,
  type DeadLetterPayload,
  type DeadLetterReason,
  type ExternalDataRecord,
  ExternalDataRecordSchema,
  type Issue,
  parseWithIssues,
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
} from '@inlet/schemas';
import type { SinkRecord } from '@inlet/streams';

export interface Topics {
  readonly externalData: string;
  readonly deadLetter: string;
}

/** What rejected a record, in dead letters. */
export const DEAD_LETTER_SOURCE = 'collector-external';

const headers = { [SCHEMA_VERSION_HEADER]: SCHEMA_VERSION };

export const recordKey = (source: string, entity: string) => `${source}:${entity}`;

/** Validates and serialises an external record; issues when it does not match the shared schema. */
export function externalRecord(
  topics: Topics,
  record: ExternalDataRecord,
): { ok: true; sink: SinkRecord } | { ok: false; issues: Issue[] } {
  const parsed = parseWithIssues(ExternalDataRecordSchema, record);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    sink: {
      topic: topics.externalData,
      key: recordKey(record.source, record.entity),
      value: JSON.stringify(record),
      headers,
    },
  };
}

export interface DeadLetterInput {
  readonly reason: DeadLetterReason;
  readonly errors: readonly Issue[];
  /** The rejected item or body (JSON), or the text of a body that was not JSON. */
  readonly payload: { json: unknown } | { text: string };
  readonly sourceName: string;
  readonly receivedAt: string;
  readonly key?: string;
}

const MAX_TEXT = 64 * 1024;

export function deadLetterRecord(topics: Topics, d: DeadLetterInput): SinkRecord {
  const payload: DeadLetterPayload =
    'json' in d.payload
      ? { format: 'json', value: d.payload.json }
      : { format: 'text', text: d.payload.text.slice(0, MAX_TEXT) };
  const value = {
    reason: d.reason,
    errors: d.errors,
    payload,
    source: DEAD_LETTER_SOURCE,
    receivedAt: d.receivedAt,
    originalTopic: topics.externalData,
    ...(d.key === undefined ? {} : { originalKey: d.key }),
    sourceName: d.sourceName,
  };
  return { topic: topics.deadLetter, key: d.key ?? d.sourceName, value: JSON.stringify(value), headers };
}

export { DEAD_LETTER_REASONS };
