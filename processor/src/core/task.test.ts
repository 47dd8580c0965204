import { describe, expect, it } from 'vitest';
import { FIXTURE_BATCHES, FIXTURE_OPTIONS, T0 } from '../testing/fixture';
import { resolveCoreOptions } from './options';
import { type TaskOutput, TaskProcessor } from './task';

const W0 = new Date(T0).toISOString();
const W1 = new Date(T0 + 10_000).toISOString();

/** `windowStart metric dims` → [count, value, revision] of the aggregate outputs. */
function table(outputs: readonly TaskOutput[]): Record<string, [number, number, number]> {
  const rows: Record<string, [number, number, number]> = {};
  for (const o of outputs) {
    if (o.kind !== 'aggregate') continue;
    const v = o.value;
    const dims = Object.entries(v.dimensions)
      .map(([k, d]) => `${k}=${d}`)
      .join(',');
    rows[`${v.windowStart === W0 ? 'W0' : v.windowStart === W1 ? 'W1' : v.windowStart} ${v.metric} ${dims}`] =
      [v.count, v.value, Number(v.revision)];
  }
  return rows;
}

function run(snapshotBetween = false) {
  const options = resolveCoreOptions(FIXTURE_OPTIONS);
  let p = new TaskProcessor(0, options);
  const drains: TaskOutput[][] = [];
  for (const batch of FIXTURE_BATCHES) {
    for (const r of batch) p.process({ role: r.role, record: { topic: r.role, key: r.key, value: r.value } });
    drains.push(p.drain('2026-01-02T00:00:00.000Z'));
    if (snapshotBetween) {
      // A restart between batches: window state from the snapshot, entity state from the outputs.
      const users = p as unknown as { users: Map<string, never>; bookings: Map<string, never> };
      const next = new TaskProcessor(0, options, JSON.parse(JSON.stringify(p.snapshot())));
      for (const [k, v] of users.users) next.restoreUser(k, v);
      for (const [k, v] of users.bookings) next.restoreBooking(k, v);
      p = next;
    }
  }
  return { drains, p };
}

describe('TaskProcessor on the fixed out-of-order set (10 s windows, 2 s out-of-orderness, 5 s grace)', () => {
  it('emits window 0 when the watermark passes its end (after the 12.5 s event)', () => {
    const { drains } = run();
    expect(
      drains
        .slice(0, 2)
        .flat()
        .filter((o) => o.kind === 'aggregate'),
    ).toEqual([]);
    expect(table(drains[2] ?? [])).toEqual({
      'W0 records ': [5, 5, 0],
      'W0 late_records ': [0, 0, 0],
      'W0 events type=identify,name=': [1, 1, 0],
      'W0 events type=log,name=': [1, 1, 0],
      'W0 events type=page,name=Home': [1, 1, 0],
      'W0 events type=track,name=Listing Viewed': [1, 1, 0],
      'W0 events type=track,name=Search Performed': [1, 1, 0],
      'W0 active_users ': [3, 3, 0],
      'W0 sessions ': [2, 2, 0],
      'W0 funnel step=search': [1, 1, 0],
      'W0 funnel step=view': [1, 1, 0],
      'W0 funnel step=book': [0, 0, 0],
      'W0 funnel_conversion from=search,to=book': [1, 0, 0],
      'W0 logs_by_level level=error': [1, 1, 0],
    });
  });

  it('re-emits window 0 on the same keys when an allowed-late event changes it', () => {
    const { drains } = run();
    const aggregates = (d: TaskOutput[] | undefined) => (d ?? []).filter((o) => o.kind === 'aggregate');
    const second = aggregates(drains[3]);
    expect(second.map((o) => o.key)).toEqual(aggregates(drains[2]).map((o) => o.key));
    const t = table(second);
    expect(t['W0 records ']).toEqual([6, 6, 1]);
    expect(t['W0 late_records ']).toEqual([1, 1, 1]);
    expect(t['W0 events type=track,name=Listing Viewed']).toEqual([2, 2, 1]);
    // u2 viewed without searching in this window: the funnel does not move.
    expect(t['W0 funnel step=view']).toEqual([1, 1, 1]);
  });

  it('dead-letters an event later than the grace, with the reason, and emits window 1', () => {
    const { drains, p } = run();
    const third = drains[4] ?? [];
    const dead = third.filter((o) => o.kind === 'dead');
    expect(dead).toHaveLength(1);
    expect(dead[0]?.value).toMatchObject({
      reason: 'too_late',
      source: 'processor',
      originalTopic: 'events',
      originalKey: 'u1',
      payload: { format: 'json', value: { messageId: 'm9' } },
    });
    expect(JSON.stringify(dead[0]?.value.errors)).toContain('too late');
    expect(p.counters.lateDropped).toBe(1);
    expect(table(third)).toEqual({
      'W1 records ': [2, 2, 0],
      'W1 late_records ': [0, 0, 0],
      'W1 events type=track,name=Booking Completed': [1, 1, 0],
      'W1 events type=track,name=Search Performed': [1, 1, 0],
      'W1 active_users ': [2, 2, 0],
      'W1 sessions ': [2, 2, 0],
      'W1 funnel step=search': [1, 1, 0],
      'W1 funnel step=view': [0, 0, 0],
      'W1 funnel step=book': [0, 0, 0],
      'W1 funnel_conversion from=search,to=book': [1, 0, 0],
    });
  });

  it('adds booking revenue from CDC to window 1 and keeps booking state, with a tombstone for the deleted one', () => {
    const { drains } = run();
    const fourth = drains[5] ?? [];
    const t = table(fourth);
    expect(t['W1 records ']).toEqual([6, 6, 1]);
    expect(t['W1 late_records ']).toEqual([4, 4, 1]);
    expect(t['W1 booking_revenue currency=EUR']).toEqual([2, 200.5, 1]);
    const bookings = fourth.filter((o) => o.kind === 'booking');
    expect(bookings.map((b) => [b.key, b.value?.status ?? null, b.value?.amounts.total ?? null])).toEqual([
      ['7', 'confirmed', 120.5],
      ['8', null, null],
    ]);
  });

  it('keeps the latest state per user', () => {
    const { drains } = run();
    const latest = new Map<string, unknown>();
    for (const o of drains.flat()) if (o.kind === 'user') latest.set(o.key, o.value);
    expect(latest.get('u1')).toMatchObject({
      userId: 'u1',
      traits: { plan: 'pro' },
      firstSeenAt: '2026-01-01T00:00:00.500Z',
      lastSeenAt: '2026-01-01T00:00:11.000Z',
      eventCount: 4,
      countsByType: { identify: 1, track: 3 },
      sessions: 1,
      lastMessageId: 'm4',
    });
    expect(latest.get('u2')).toMatchObject({
      eventCount: 3,
      countsByType: { page: 1, track: 2 },
      sessions: 1,
    });
    expect(latest.get('u3')).toMatchObject({
      eventCount: 2,
      countsByType: { log: 1, track: 1 },
      sessions: 0,
    });
  });

  it('gives the same outputs when restarted from its snapshot between batches', () => {
    const strip = (d: TaskOutput[][]) =>
      d.map((b) => b.map((o) => ({ ...o, value: { ...o.value, receivedAt: '' } })));
    expect(strip(run(true).drains)).toEqual(strip(run().drains));
  });
});
