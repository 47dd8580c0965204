/**
 * Turning a parsed event into the stored one. Pure: the gateway passes in the clock reading, the
 * id generator and the request's facts.
 */
import type { EnrichedEvent } from './enriched';
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

const millis = (iso: string | undefined): number | undefined => {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
};

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
  if (sent === undefined) return new Date(client).toISOString();
  return new Date(received - (sent - client)).toISOString();
}

/** The stored form of `event`: messageId, timestamp, receivedAt and source set, `context.ip` filled. */
export function enrichEvent(event: Event, facts: EnrichFacts): EnrichedEvent {
  const clientTime = event.timestamp ?? event.originalTimestamp;
  const sentAt = event.sentAt ?? facts.sentAt;
  const context =
    facts.ip !== undefined && event.context?.ip === undefined
      ? { ...event.context, ip: facts.ip }
      : event.context;
  const enriched = {
    ...event,
    messageId: event.messageId ?? facts.newMessageId(),
    timestamp: correctedTimestamp(clientTime, sentAt, facts.receivedAt),
    receivedAt: facts.receivedAt,
    source: facts.source,
    ...(clientTime === undefined ? {} : { originalTimestamp: event.originalTimestamp ?? clientTime }),
    ...(sentAt === undefined ? {} : { sentAt }),
    ...(context === undefined ? {} : { context }),
  };
  return enriched;
}
