/**
 * Turning a parsed event into the stored one. Pure: the gateway passes in the clock reading, the
 * id generator and the request's facts.
 */
import type { EnrichedEvent } from './enriched';
import { isoMillis, isoString } from './iso-time';
import type { Event } from './types';

export interface EnrichFacts {
  /** When the gateway received the request (ISO 8601). */
  readonly receivedAt: string;
  /** The source (write key's name) the request authenticated as. */
  readonly source: string;
  /** Makes a messageId for events that came without one (e.g. `crypto.randomUUID`). */
  readonly newMessageId: () => string;
  /** The client's address; kept in `context.ip` unless the event already set one. */
  readonly ip?: string | undefined;
  /** The batch's `sentAt`, used when the event has none. */
  readonly sentAt?: string | undefined;
}

const millis = (iso: string | undefined): number | undefined =>
  iso === undefined ? undefined : isoMillis(iso);

/**
 * `{ ...source }` for an object about to get more keys. V8 gives a spread's result a hidden class
 * that each added key then slows down (~0.5 µs a key); a for…in copy keeps the usual fast
 * transitions. Own keys only, in the spread's order; an own `__proto__` key stays a plain key.
 */
function copyOf(source: object | undefined): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  if (source === undefined) return copy;
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const value = (source as Record<string, unknown>)[key];
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    else copy[key] = value;
  }
  return copy;
}

/**
 * The event's time, corrected for the client's clock as Segment does: the client's own reading
 * (`timestamp`, else `originalTimestamp`) shifted by how far its clock was off when it sent the
 * request, `receivedAt - (sentAt - clientTime)`. Without `sentAt` the client time is kept; without
 * any client time it is `receivedAt`.
 */
export function correctedTimestamp(
  clientTime: string | undefined,
  sentAt: string | undefined,
  receivedAt: string,
): string {
  const client = millis(clientTime);
  const sent = millis(sentAt);
  const received = millis(receivedAt);
  if (client === undefined || received === undefined) return clientTime ?? receivedAt;
  if (sent === undefined) return isoString(client);
  return isoString(received - (sent - client));
}

/**
 * The stored form of `event`: messageId, timestamp, receivedAt and source set, `context.ip` filled.
 * Runs for every event: built by assignment on a fresh copy, in the key order of
 * `{ ...event, messageId, timestamp, receivedAt, source, originalTimestamp?, sentAt?, context? }`.
 */
export function enrichEvent(event: Event, facts: EnrichFacts): EnrichedEvent {
  const clientTime = event.timestamp ?? event.originalTimestamp;
  const sentAt = event.sentAt ?? facts.sentAt;
  let context: Record<string, unknown> | undefined = event.context;
  if (facts.ip !== undefined && event.context?.ip === undefined) {
    context = copyOf(event.context);
    context.ip = facts.ip;
  }
  const enriched = copyOf(event);
  enriched.messageId = event.messageId ?? facts.newMessageId();
  enriched.timestamp = correctedTimestamp(clientTime, sentAt, facts.receivedAt);
  enriched.receivedAt = facts.receivedAt;
  enriched.source = facts.source;
  if (clientTime !== undefined) enriched.originalTimestamp = event.originalTimestamp ?? clientTime;
  if (sentAt !== undefined) enriched.sentAt = sentAt;
  if (context !== undefined) enriched.context = context;
  // The fields above are exactly what EnrichedEvent adds to Event.
  return enriched as EnrichedEvent;
}
