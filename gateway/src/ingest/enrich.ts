/** A valid event → the stored (enriched) event and its Kafka record. */
import { randomUUID } from 'node:crypto';
import {
  type EnrichedEvent,
  type Event,
  enrichEvent,
  type Route,
  routeEvent,
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
  type TopicNames,
} from '@inlet/schemas';
import type { SinkRecord } from '@inlet/streams';
import type { IpPolicy } from '../config/schema';
import { applyIpPolicy } from './client-ip';

/** What one request knows about all its events. */
export interface RequestFacts {
  /** Epoch ms the request arrived. */
  readonly receivedAt: number;
  /** The same, ISO 8601 (computed once per request). */
  readonly receivedAtIso: string;
  /** The write key's source name. */
  readonly source: string;
  readonly ipPolicy: IpPolicy;
  /** The client's address (socket or trusted `X-Forwarded-For`) with the policy already applied. */
  readonly ip: string | undefined;
  /** The batch's `sentAt`, for events without their own. */
  readonly sentAt?: string | undefined;
}

export interface EnrichedRecord {
  readonly event: EnrichedEvent;
  readonly route: Route;
  readonly record: SinkRecord;
}

/**
 * The policy applies to whatever ends up in `context.ip`, also an address the client put there
 * itself (a server-side SDK forwarding its user's ip), so `drop` really stores no address.
 */
function withIpPolicy(event: EnrichedEvent, policy: IpPolicy): EnrichedEvent {
  const ip = event.context?.ip;
  if (policy === 'keep' || ip === undefined) return event;
  const { ip: _dropped, ...context } = event.context ?? {};
  const kept = applyIpPolicy(ip, policy);
  return { ...event, context: kept === undefined ? context : { ...context, ip: kept } };
}

export function enrichToRecord(event: Event, facts: RequestFacts, names: TopicNames): EnrichedRecord {
  const stored = enrichEvent(event, {
    receivedAt: facts.receivedAtIso,
    source: facts.source,
    newMessageId: randomUUID,
    ip: facts.ip,
    sentAt: facts.sentAt,
  });
  // Only an address the client set itself still needs the policy (ours was applied per request).
  const enriched = event.context?.ip === undefined ? stored : withIpPolicy(stored, facts.ipPolicy);
  const route = routeEvent(enriched, names);
  const record: SinkRecord = {
    topic: route.topic,
    key: route.key === '' ? null : route.key,
    value: JSON.stringify(enriched),
    timestamp: facts.receivedAt,
    headers: {
      'message-id': enriched.messageId,
      'event-type': enriched.type,
      [SCHEMA_VERSION_HEADER]: SCHEMA_VERSION,
      source: facts.source,
      'received-at': facts.receivedAtIso,
    },
  };
  return { event: enriched, route, record };
}
