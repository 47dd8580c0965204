/**
 * A fixed, out-of-order input set shared by the unit and integration tests, whose expected results
 * are written out by hand in the tests. Windows of 10 s, out-of-orderness 2 s, grace 5 s, from T0.
 */
import type { InputRole } from '../core/input';

export const FIXTURE_OPTIONS = {
  windowMs: 10_000,
  outOfOrdernessMs: 2_000,
  graceMs: 5_000,
  idleMs: 0,
} as const;
/** FIXTURE_OPTIONS as `inlet-processor` flags, for the tests that run it as a child process. */
export const FIXTURE_FLAGS = [
  '--window',
  '10s',
  '--out-of-orderness',
  '2s',
  '--grace',
  '5s',
  '--idle',
  '0',
] as const;
export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

export interface FixtureRecord {
  readonly role: InputRole;
  readonly key: string;
  readonly value: string;
}

const at = (s: number): string => new Date(T0 + s * 1000).toISOString();

function event(n: number, s: number, userId: string, fields: Record<string, unknown>): FixtureRecord {
  const role: InputRole = fields.type === 'log' ? 'logs' : fields.type === 'click' ? 'clicks' : 'events';
  return {
    role,
    key: userId,
    value: JSON.stringify({
      messageId: `m${n}`,
      userId,
      timestamp: at(s),
      receivedAt: at(s),
      context: fields.session === undefined ? {} : { sessionId: fields.session },
      ...fields,
      session: undefined,
    }),
  };
}

function booking(
  s: number,
  op: 'c' | 'u' | 'd',
  id: number,
  status: string,
  total: string,
  lsn: number,
): FixtureRecord {
  const row = {
    id,
    user_id: 1,
    status,
    total_amount: total,
    currency: 'EUR',
    created_at: at(s),
    updated_at: at(s),
  };
  return {
    role: 'cdc',
    key: JSON.stringify({ id }),
    value: JSON.stringify({
      before: op === 'c' ? null : row,
      after: op === 'd' ? null : row,
      source: {
        version: '2.7.0',
        connector: 'postgresql',
        name: 'inlet',
        ts_ms: T0 + s * 1000,
        db: 'app',
        schema: 'public',
        table: 'bookings',
        lsn,
      },
      op,
      ts_ms: T0 + s * 1000,
    }),
  };
}

/**
 * The records in arrival order, in six batches of one input topic each (the tests drain after each;
 * in Kafka the next batch is written once the previous one was processed, so the order across topics
 * is the same as here).
 */
export const FIXTURE_BATCHES: readonly (readonly FixtureRecord[])[] = [
  [
    event(0, 0.5, 'u1', { type: 'identify', traits: { plan: 'pro' }, session: 's1' }),
    event(1, 1, 'u1', { type: 'track', event: 'Search Performed', session: 's1' }),
    event(2, 3, 'u2', { type: 'page', name: 'Home', session: 's2' }),
    event(3, 2, 'u1', { type: 'track', event: 'Listing Viewed', session: 's1' }),
    event(4, 11, 'u1', { type: 'track', event: 'Booking Completed', session: 's1' }),
  ],
  [event(5, 9, 'u3', { type: 'log', level: 'error', message: 'boom' })],
  [event(6, 12.5, 'u2', { type: 'track', event: 'Search Performed', session: 's2' })],
  [event(7, 8, 'u2', { type: 'track', event: 'Listing Viewed', session: 's2' })],
  [
    event(8, 23, 'u3', { type: 'track', event: 'Search Performed' }),
    event(9, 4, 'u1', { type: 'track', event: 'Search Performed', session: 's1' }),
  ],
  [
    booking(14, 'c', 7, 'pending', '120.50', 100),
    booking(16, 'u', 7, 'confirmed', '120.50', 110),
    booking(15, 'c', 8, 'pending', '80.00', 105),
    booking(17, 'd', 8, 'pending', '80.00', 120),
  ],
];
