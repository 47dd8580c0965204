/** Latest-state records of the compacted topics: one per user, one per booking (Kafka key = the id). */
import * as z from 'zod';
import { isoDateTime, jsonObject } from '../event/common';
import { EVENT_TYPES } from '../event/variants';

const count = z.int().nonnegative();

export const UserStateRecordSchema = z.looseObject({
  userId: z.string().min(1),
  /** Anonymous ids seen for this user (from events and `alias`). */
  anonymousIds: z.array(z.string()),
  /** Traits merged from `identify` calls, latest value wins. */
  traits: jsonObject,
  firstSeenAt: isoDateTime,
  lastSeenAt: isoDateTime,
  /** Events seen for the user, in total and per type. */
  eventCount: count,
  countsByType: z.partialRecord(z.enum(EVENT_TYPES), count),
  /** The last event that changed this state. */
  lastMessageId: z.string().optional(),
  updatedAt: isoDateTime,
});
export type UserStateRecord = z.output<typeof UserStateRecordSchema>;

export const BOOKING_STATUSES = ['pending', 'confirmed', 'cancelled', 'completed', 'refunded'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Amounts in the booking's currency, as decimal numbers (e.g. 129.5). */
export const BookingAmountsSchema = z.looseObject({
  total: z.number().nonnegative(),
  paid: z.number().nonnegative().optional(),
  refunded: z.number().nonnegative().optional(),
});

export const BookingStateRecordSchema = z.looseObject({
  bookingId: z.string().min(1),
  userId: z.string().min(1).optional(),
  status: z.enum(BOOKING_STATUSES),
  /** ISO 4217 code, e.g. `EUR`. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  amounts: BookingAmountsSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  confirmedAt: isoDateTime.optional(),
  cancelledAt: isoDateTime.optional(),
  /** The source change this state reflects (`source.lsn` of the CDC event), to order and de-duplicate. */
  lastLsn: z.int().nonnegative().optional(),
});
export type BookingStateRecord = z.output<typeof BookingStateRecordSchema>;
