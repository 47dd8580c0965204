/**
 * The latest state per user and per booking: pure reducers from the previous state and one input.
 * Times are event times (not the wall clock), so replaying the same input gives the same state.
 */
import {
  BOOKING_STATUSES,
  type BookingStateRecord,
  type BookingStatus,
  type UserStateRecord,
} from '@inlet/schemas';
import type { BookingChange, EventInput } from './input';

/** The user state record plus the session ids it has seen (so a session counts once). */
export type UserState = UserStateRecord & {
  readonly sessions: number;
  readonly sessionIds: readonly string[];
};

const iso = (ms: number): string => new Date(ms).toISOString();

export function reduceUser(prev: UserState | undefined, e: EventInput): UserState {
  const at = iso(e.eventTime);
  const first = prev === undefined || e.eventTime < Date.parse(prev.firstSeenAt) ? at : prev.firstSeenAt;
  const isLatest = prev === undefined || e.eventTime >= Date.parse(prev.lastSeenAt);
  const last = isLatest ? at : prev.lastSeenAt;
  const anonymousIds = [...(prev?.anonymousIds ?? [])];
  if (e.anonymousId !== undefined && !anonymousIds.includes(e.anonymousId)) anonymousIds.push(e.anonymousId);
  const sessionIds = [...(prev?.sessionIds ?? [])];
  if (e.sessionId !== undefined && !sessionIds.includes(e.sessionId)) sessionIds.push(e.sessionId);
  // Older identify calls arriving late must not overwrite newer traits.
  const traits =
    e.traits === undefined
      ? (prev?.traits ?? {})
      : isLatest
        ? { ...prev?.traits, ...e.traits }
        : { ...e.traits, ...prev?.traits };
  const countsByType: Record<string, number> = { ...prev?.countsByType };
  countsByType[e.type] = (countsByType[e.type] ?? 0) + 1;
  const lastMessageId = isLatest ? e.messageId : prev?.lastMessageId;
  return {
    userId: e.userKey,
    anonymousIds,
    traits,
    firstSeenAt: first,
    lastSeenAt: last,
    eventCount: (prev?.eventCount ?? 0) + 1,
    countsByType,
    ...(lastMessageId === undefined ? {} : { lastMessageId }),
    updatedAt: last,
    sessions: sessionIds.length,
    sessionIds,
  };
}

const STATUSES = new Set<string>(BOOKING_STATUSES);

const isoOr = (v: unknown, fallback: number): string => {
  const ms = typeof v === 'string' ? Date.parse(v) : typeof v === 'number' ? v : Number.NaN;
  return iso(Number.isFinite(ms) ? ms : fallback);
};

/**
 * The booking's next state, `null` when it was deleted (a tombstone), or `prev` unchanged when the
 * change is not newer than what the state already reflects (a replayed or duplicated change).
 */
export function reduceBooking(
  prev: BookingStateRecord | undefined,
  c: BookingChange,
): BookingStateRecord | null | undefined {
  if (prev?.lastLsn !== undefined && c.lsn !== undefined && c.lsn <= prev.lastLsn && c.op !== 'r')
    return prev;
  if (c.op === 'd') return null;
  const row = c.row;
  const status = String(row.status);
  const total = Number(row.total_amount);
  const currency = typeof row.currency === 'string' ? row.currency.trim() : '';
  const userId = row.user_id === undefined || row.user_id === null ? undefined : String(row.user_id);
  const updatedAt = isoOr(row.updated_at, c.eventTime);
  const confirmedAt = status === 'confirmed' ? (prev?.confirmedAt ?? updatedAt) : prev?.confirmedAt;
  const cancelledAt = status === 'cancelled' ? (prev?.cancelledAt ?? updatedAt) : prev?.cancelledAt;
  return {
    bookingId: c.bookingId,
    ...(userId === undefined ? {} : { userId }),
    status: (STATUSES.has(status) ? status : 'pending') as BookingStatus,
    currency: /^[A-Z]{3}$/.test(currency) ? currency : 'XXX',
    amounts: { total: Number.isFinite(total) && total >= 0 ? total : 0 },
    createdAt: isoOr(row.created_at, c.eventTime),
    updatedAt,
    ...(confirmedAt === undefined ? {} : { confirmedAt }),
    ...(cancelledAt === undefined ? {} : { cancelledAt }),
    ...(c.lsn === undefined ? {} : { lastLsn: c.lsn }),
  };
}
