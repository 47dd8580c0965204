/**
 * Turns a record read from an input topic into what the core counts, or says why it cannot be used.
 * Only the fields the aggregates and state read are checked; the gateway and CDC collector already
 * validated the rest against the shared schemas.
 */
import type { StoredRecord } from '@inlet/streams';

export const INPUT_ROLES = ['events', 'clicks', 'logs', 'cdc'] as const;
export type InputRole = (typeof INPUT_ROLES)[number];

export interface EventInput {
  readonly kind: 'event';
  readonly eventTime: number;
  readonly type: string;
  /** `event` of a track, `name` of a page/screen, '' otherwise. */
  readonly name: string;
  /** `userId ?? anonymousId`: the input's Kafka key and the user state's key. */
  readonly userKey: string;
  readonly anonymousId: string | undefined;
  readonly sessionId: string | undefined;
  readonly level: string | undefined;
  readonly messageId: string | undefined;
  readonly traits: Readonly<Record<string, unknown>> | undefined;
}

export interface BookingChange {
  readonly kind: 'booking';
  /** The database commit time (`source.ts_ms`). */
  readonly eventTime: number;
  readonly op: 'c' | 'u' | 'd' | 'r';
  readonly bookingId: string;
  /** The row after the change; the row before for a delete. */
  readonly row: Readonly<Record<string, unknown>>;
  readonly lsn: number | undefined;
}

/** Something that carries nothing for the processor (a tombstone, another table's change). */
export interface Ignored {
  readonly kind: 'ignored';
}

export interface InvalidInput {
  readonly kind: 'invalid';
  readonly reason: string;
}

export type DecodedInput = EventInput | BookingChange | Ignored | InvalidInput;

const IGNORED: Ignored = { kind: 'ignored' };
const invalid = (reason: string): InvalidInput => ({ kind: 'invalid', reason });

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

function parseJson(record: Pick<StoredRecord, 'value'>): { json: Json } | InvalidInput | null {
  if (record.value === null) return null;
  const raw = typeof record.value === 'string' ? record.value : Buffer.from(record.value).toString('utf8');
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? { json: parsed } : invalid('the record value is JSON but not an object');
  } catch {
    return invalid('the record value is not JSON');
  }
}

export function decodeInput(role: InputRole, record: Pick<StoredRecord, 'value'>): DecodedInput {
  const parsed = parseJson(record);
  if (parsed === null) return IGNORED;
  if ('kind' in parsed) return parsed;
  return role === 'cdc' ? decodeChange(parsed.json) : decodeEvent(parsed.json);
}

function decodeEvent(e: Json): EventInput | InvalidInput {
  const type = text(e.type);
  if (type === undefined) return invalid('the event has no "type"');
  const ts = typeof e.timestamp === 'string' ? Date.parse(e.timestamp) : Number.NaN;
  if (!Number.isFinite(ts)) return invalid('the event has no valid ISO 8601 "timestamp"');
  const anonymousId = text(e.anonymousId);
  const userKey = text(e.userId) ?? anonymousId;
  if (userKey === undefined) return invalid('the event has neither "userId" nor "anonymousId"');
  const context = isObject(e.context) ? e.context : {};
  const name =
    type === 'track' ? text(e.event) : type === 'page' || type === 'screen' ? text(e.name) : undefined;
  return {
    kind: 'event',
    eventTime: ts,
    type,
    name: name ?? '',
    userKey,
    anonymousId,
    sessionId: text(context.sessionId),
    level: type === 'log' ? text(e.level) : undefined,
    messageId: text(e.messageId),
    traits: type === 'identify' && isObject(e.traits) ? e.traits : undefined,
  };
}

const BOOKING_OPS = new Set(['c', 'u', 'd', 'r']);

function decodeChange(c: Json): DecodedInput {
  const source = isObject(c.source) ? c.source : undefined;
  if (source === undefined || typeof source.ts_ms !== 'number') {
    return invalid('the change event has no "source.ts_ms"');
  }
  if (source.table !== 'bookings') return IGNORED;
  const op = String(c.op);
  if (!BOOKING_OPS.has(op)) return IGNORED;
  const row = op === 'd' ? c.before : c.after;
  if (!isObject(row)) return invalid(`a bookings change with op "${op}" has no row`);
  const bookingId = text(row.id);
  if (bookingId === undefined) return invalid('a bookings row has no "id"');
  return {
    kind: 'booking',
    eventTime: source.ts_ms,
    op: op as BookingChange['op'],
    bookingId,
    row,
    lsn: typeof source.lsn === 'number' ? source.lsn : undefined,
  };
}
