/**
 * The on-disk line format: one JSON object per record, newline-terminated, fields in this order:
 * {"topic","partition","offset","key","headers","timestamp","value"} plus `"valueEncoding":"base64"`
 * when the value was bytes (text values are stored as they are, so the files stay greppable).
 */
import type { SinkRecord, StoredRecord } from '../sink';

/** The local log keeps one partition per topic: ordering is total, and the gateway's spool replays it in order. */
export const LOCAL_PARTITION = 0;

export interface LogLine {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: number;
  readonly value: string | null;
  readonly valueEncoding?: 'base64';
}

/** Encodes one record as its line, newline included. */
export function encodeLine(record: SinkRecord, offset: number, now: number): string {
  const binary = record.value instanceof Uint8Array;
  const line: LogLine = {
    topic: record.topic,
    partition: LOCAL_PARTITION,
    offset,
    key: record.key,
    headers: record.headers ?? {},
    timestamp: record.timestamp ?? now,
    value: binary
      ? Buffer.from(record.value as Uint8Array).toString('base64')
      : (record.value as string | null),
    ...(binary ? { valueEncoding: 'base64' as const } : {}),
  };
  return `${JSON.stringify(line)}\n`;
}

const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'string');

/** Parses one line (without its newline). Returns the reason as a string when it is not a valid record. */
export function decodeLine(text: string): LogLine | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  if (typeof raw !== 'object' || raw === null) return 'not a JSON object';
  const r = raw as Record<string, unknown>;
  if (typeof r.topic !== 'string') return 'topic is not a string';
  if (r.partition !== LOCAL_PARTITION) return 'partition is not 0';
  if (!Number.isSafeInteger(r.offset) || (r.offset as number) < 0)
    return 'offset is not a non-negative integer';
  if (r.key !== null && typeof r.key !== 'string') return 'key is not a string or null';
  if (!isStringRecord(r.headers)) return 'headers is not an object of strings';
  if (typeof r.timestamp !== 'number') return 'timestamp is not a number';
  if (r.value !== null && typeof r.value !== 'string') return 'value is not a string or null';
  if (r.valueEncoding !== undefined && r.valueEncoding !== 'base64') return 'unknown valueEncoding';
  return r as unknown as LogLine;
}

export function toStoredRecord(line: LogLine): StoredRecord {
  const value =
    line.valueEncoding === 'base64' && line.value !== null ? Buffer.from(line.value, 'base64') : line.value;
  return {
    topic: line.topic,
    partition: line.partition,
    offset: String(line.offset),
    key: line.key,
    headers: line.headers,
    timestamp: line.timestamp,
    value,
  };
}
