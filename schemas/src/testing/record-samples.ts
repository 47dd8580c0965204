/**
 * One typical record per topic, for tests here and elsewhere (`@inlet/schemas/testing`). Each is
 * valid against its topic's record schema.
 */
import type { TopicKey } from '../topics';

const at = '2024-05-01T12:00:00.000Z';

/** A Debezium PostgreSQL create event (JSON converter, schemas disabled), as in Debezium's docs. */
export const DEBEZIUM_CREATE = {
  before: null,
  after: { id: 1, first_name: 'Anne', last_name: 'Kretchmar', email: 'annek@noanswer.org' },
  source: {
    version: '2.7.3.Final',
    connector: 'postgresql',
    name: 'PostgreSQL_server',
    ts_ms: 1559033904863,
    ts_us: 1559033904863123,
    ts_ns: 1559033904863123000,
    snapshot: 'true',
    db: 'postgres',
    sequence: '["24023119","24023128"]',
    schema: 'public',
    table: 'customers',
    txId: 555,
    lsn: 24023128,
    xmin: null,
  },
  op: 'c',
  ts_ms: 1559033904863,
  ts_us: 1559033904863123,
  ts_ns: 1559033904863123000,
};

export const RECORD_SAMPLES: Readonly<Record<TopicKey, Record<string, unknown>>> = {
  appEvents: {
    type: 'track',
    event: 'Booking Started',
    userId: 'u1',
    messageId: 'm1',
    timestamp: at,
    receivedAt: at,
    source: 'web',
    context: { ip: '203.0.113.9' },
  },
  clickstream: {
    type: 'click',
    element: { tag: 'a', href: '/x', selector: 'nav > a:nth-child(2)', classes: ['nav'] },
    x: 10,
    y: 20,
    anonymousId: 'a1',
    messageId: 'm2',
    timestamp: at,
    receivedAt: at,
    source: 'web',
  },
  appLogs: {
    type: 'log',
    level: 'error',
    message: 'payment failed',
    error: { name: 'TypeError', message: 'x is undefined', stack: 'at f (a.js:1:1)' },
    userId: 'u1',
    messageId: 'm3',
    timestamp: at,
    receivedAt: at,
    source: 'api',
  },
  cdcChanges: DEBEZIUM_CREATE,
  externalData: {
    source: 'weather',
    entity: 'city:paris',
    observedAt: at,
    fetchedAt: at,
    runId: 'run-1',
    payload: { temperatureC: 18.5 },
  },
  processedEvents: {
    metric: 'events_per_type',
    windowStart: at,
    windowEnd: '2024-05-01T12:01:00.000Z',
    dimensions: { type: 'track' },
    count: 12,
    value: 12,
  },
  userState: {
    userId: 'u1',
    anonymousIds: ['a1'],
    traits: { plan: 'pro' },
    firstSeenAt: at,
    lastSeenAt: at,
    eventCount: 3,
    countsByType: { track: 2, page: 1 },
    updatedAt: at,
  },
  bookingState: {
    bookingId: 'b1',
    userId: 'u1',
    status: 'confirmed',
    currency: 'EUR',
    amounts: { total: 129.5, paid: 129.5 },
    createdAt: at,
    updatedAt: at,
    confirmedAt: at,
  },
  deadLetter: {
    reason: 'invalid_event',
    errors: [{ path: 'batch[3].event', message: 'expected string, got number' }],
    payload: { format: 'json', value: { type: 'track', event: 3 } },
    source: 'gateway',
    receivedAt: at,
    originalTopic: 'topic_app_events',
    index: 3,
  },
};
