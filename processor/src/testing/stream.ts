/**
 * A longer deterministic input stream for crash and scaling tests: app events 100 ms apart in event
 * time, every 17th 1.5 s early (out of order, within the bound), every 97th 30 s early (later than the
 * grace: dead-lettered), then one closing event per user. One topic only, so each task's processing order is its partition's order.
 */
import type { FixtureRecord } from './fixture';
import { T0 } from './fixture';

const NAMES = ['Search Performed', 'Listing Viewed', 'Booking Completed', 'Destination Viewed'];

export function eventStream(count: number, users = 31): FixtureRecord[] {
  const events = Array.from({ length: count }, (_, i): FixtureRecord => {
    const userId = `u${(i * 7) % users}`;
    const shift = i % 97 === 96 ? 30_000 : i % 17 === 16 ? 1_500 : 0;
    const fields =
      i % 11 === 0 ? { type: 'page', name: 'Home' } : { type: 'track', event: NAMES[i % NAMES.length] };
    return {
      role: 'events',
      key: userId,
      value: JSON.stringify({
        ...fields,
        userId,
        messageId: `m${i}`,
        timestamp: new Date(T0 + 60_000 + i * 100 - shift).toISOString(),
        context: { sessionId: `s${i % 3}` },
      }),
    };
  });
  // One event per user a minute after the rest: it moves every task's watermark past the last
  // window, so all of the events above end up in emitted windows (its own window stays open).
  const closing = Array.from({ length: users }, (_, u): FixtureRecord => {
    const userId = `u${u}`;
    const timestamp = new Date(T0 + 120_000 + count * 100).toISOString();
    return {
      role: 'events',
      key: userId,
      value: JSON.stringify({ type: 'track', event: 'Closing', userId, messageId: `c${u}`, timestamp }),
    };
  });
  return [...events, ...closing];
}
