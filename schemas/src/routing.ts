/** Where an event goes: its topic and its Kafka key. */
import { DEFAULT_TOPIC_NAMES, type TopicKey, type TopicNames } from './topics';

/**
 * Version of the record schemas, sent as the `schema-version` Kafka header on every record Inlet
 * writes. Bump it when a change is not backward compatible (the compatibility test says when).
 */
export const SCHEMA_VERSION = '1';
export const SCHEMA_VERSION_HEADER = 'schema-version';

export interface Route {
  readonly topicKey: TopicKey;
  readonly topic: string;
  /** `userId ?? anonymousId`, so one user's events stay in order on one partition. */
  readonly key: string;
}

/** The fields routing reads; both the sent and the enriched event have them. */
export interface RoutableEvent {
  readonly type: string;
  readonly userId?: string | number | null | undefined;
  readonly anonymousId?: string | number | null | undefined;
}

const TOPIC_BY_TYPE: Readonly<Record<string, TopicKey>> = { click: 'clickstream', log: 'appLogs' };

/** click → clickstream, log → app logs, everything else → app events. */
export function routeEvent(event: RoutableEvent, names: TopicNames = DEFAULT_TOPIC_NAMES): Route {
  const topicKey = TOPIC_BY_TYPE[event.type] ?? 'appEvents';
  const id = event.userId ?? event.anonymousId;
  return { topicKey, topic: names[topicKey], key: id === undefined || id === null ? '' : String(id) };
}
