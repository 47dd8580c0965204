import { describe, expect, it } from 'vitest';
import { reduceBooking } from './entity-state';
import { type BookingChange, decodeInput } from './input';

const value = (v: unknown) => ({ value: JSON.stringify(v) });

describe('decodeInput', () => {
  it('says what is wrong with an unusable record', () => {
    expect(decodeInput('events', { value: 'not json' })).toEqual({
      kind: 'invalid',
      reason: 'the record value is not JSON',
    });
    expect(decodeInput('events', value({ type: 'track', userId: 'u' }))).toMatchObject({
      reason: 'the event has no valid ISO 8601 "timestamp"',
    });
    expect(decodeInput('events', value({ type: 'track', timestamp: '2026-01-01T00:00:00Z' }))).toMatchObject({
      reason: 'the event has neither "userId" nor "anonymousId"',
    });
    expect(decodeInput('cdc', value({ op: 'c' }))).toMatchObject({
      reason: 'the change event has no "source.ts_ms"',
    });
  });

  it('ignores tombstones and other tables, reads page names and log levels', () => {
    expect(decodeInput('cdc', { value: null })).toEqual({ kind: 'ignored' });
    expect(
      decodeInput('cdc', value({ op: 'c', after: { id: 1 }, source: { ts_ms: 1, table: 'payments' } })),
    ).toEqual({ kind: 'ignored' });
    expect(
      decodeInput(
        'events',
        value({ type: 'page', name: 'Home', anonymousId: 'a', timestamp: '2026-01-01T00:00:00Z' }),
      ),
    ).toMatchObject({
      name: 'Home',
      userKey: 'a',
    });
    expect(
      decodeInput(
        'logs',
        value({ type: 'log', level: 'warn', userId: 7, timestamp: '2026-01-01T00:00:00Z' }),
      ),
    ).toMatchObject({
      level: 'warn',
      userKey: '7',
    });
  });
});

describe('reduceBooking', () => {
  const change = (op: BookingChange['op'], lsn: number, status: string): BookingChange => ({
    kind: 'booking',
    eventTime: Date.parse('2026-01-01T00:00:00Z'),
    op,
    bookingId: '5',
    row: { id: 5, status, total_amount: '10.00', currency: 'USD', user_id: 2 },
    lsn,
  });

  it('ignores a change not newer than the state (a replay), deletes on d', () => {
    const s1 = reduceBooking(undefined, change('c', 10, 'pending'));
    const s2 = reduceBooking(s1 ?? undefined, change('u', 20, 'cancelled'));
    expect(s2).toMatchObject({ status: 'cancelled', lastLsn: 20, cancelledAt: '2026-01-01T00:00:00.000Z' });
    expect(reduceBooking(s2 ?? undefined, change('u', 15, 'confirmed'))).toBe(s2);
    expect(reduceBooking(s2 ?? undefined, change('d', 30, 'cancelled'))).toBeNull();
  });
});
