import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FIXTURE_BATCHES, T0 } from '../testing/fixture';
import {
  createTestTopics,
  latestPerKey,
  produce,
  readAll,
  totals,
  waitConsumed,
  withFreshOutputs,
} from '../testing/kafka-harness';
import { useKafkaRig } from '../testing/kafka-rig';

const { brokers, need, processors } = useKafkaRig();
const { start } = processors;
const groupName = () => `proc-it-${randomBytes(4).toString('hex')}`;

async function until(check: () => boolean, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const W0 = new Date(T0).toISOString();
const W1 = new Date(T0 + 10_000).toISOString();

describe.skipIf(!brokers)('KafkaProcessor on the real broker', () => {
  it('gives the hand-written table for the fixed out-of-order set, with late updates on the same key', async () => {
    const topics = await createTestTopics(need(), 1);
    const group = groupName();
    await start(topics, group);
    for (const batch of FIXTURE_BATCHES) {
      await produce(need(), topics, batch);
      await waitConsumed(need(), topics, group);
    }
    const processed = await readAll(need(), topics.processedEvents);
    const t = totals(processed);
    expect(t).toEqual({
      [`${W0} records `]: [6, 6],
      [`${W0} late_records `]: [1, 1],
      [`${W0} events type=identify,name=`]: [1, 1],
      [`${W0} events type=log,name=`]: [1, 1],
      [`${W0} events type=page,name=Home`]: [1, 1],
      [`${W0} events type=track,name=Listing Viewed`]: [2, 2],
      [`${W0} events type=track,name=Search Performed`]: [1, 1],
      [`${W0} active_users `]: [3, 3],
      [`${W0} sessions `]: [2, 2],
      [`${W0} funnel step=search`]: [1, 1],
      [`${W0} funnel step=view`]: [1, 1],
      [`${W0} funnel step=book`]: [0, 0],
      [`${W0} funnel_conversion from=search,to=book`]: [1, 0],
      [`${W0} logs_by_level level=error`]: [1, 1],
      [`${W1} records `]: [6, 6],
      [`${W1} late_records `]: [4, 4],
      [`${W1} events type=track,name=Booking Completed`]: [1, 1],
      [`${W1} events type=track,name=Search Performed`]: [1, 1],
      [`${W1} active_users `]: [2, 2],
      [`${W1} sessions `]: [2, 2],
      [`${W1} funnel step=search`]: [1, 1],
      [`${W1} funnel step=view`]: [0, 0],
      [`${W1} funnel step=book`]: [0, 0],
      [`${W1} funnel_conversion from=search,to=book`]: [1, 0],
      [`${W1} booking_revenue currency=EUR`]: [2, 200.5],
    });
    // Window 0 was emitted, then updated by the allowed-late event on the same key.
    const w0Records = processed
      .filter((r) => r.key === `${W0}|records||t0`)
      .map((r) => JSON.parse(String(r.value)));
    expect(w0Records.map((r) => [r.revision, r.count])).toEqual([
      [0, 5],
      [1, 6],
    ]);
    const dead = await readAll(need(), topics.deadLetter);
    expect(dead).toHaveLength(1);
    expect(JSON.parse(String(dead[0]?.value))).toMatchObject({
      source: 'processor',
      payload: { value: { messageId: 'm9' } },
    });

    // The state topics as a compacted topic is read: one latest record per key, the deleted booking gone.
    const bookings = latestPerKey(await readAll(need(), topics.bookingState));
    expect([...bookings.keys()]).toEqual(['7']);
    expect(bookings.get('7')).toMatchObject({ status: 'confirmed', amounts: { total: 120.5 }, lastLsn: 110 });
    const bookingRecords = await readAll(need(), topics.bookingState);
    expect(bookingRecords.filter((r) => r.key === '8').at(-1)?.value).toBeNull();
    const users = latestPerKey(await readAll(need(), topics.userState));
    expect([...users.keys()].sort()).toEqual(['u1', 'u2', 'u3']);
    expect(users.get('u1')).toMatchObject({ eventCount: 4, traits: { plan: 'pro' }, sessions: 1 });
  });

  it('gives the same totals with two instances in one group as with one', async () => {
    const topics = await createTestTopics(need(), 4);
    const records = Array.from({ length: 400 }, (_, i) => ({
      role: 'events' as const,
      key: `u${i % 23}`,
      value: JSON.stringify({
        type: 'track',
        event: i % 3 === 0 ? 'Search Performed' : 'Listing Viewed',
        userId: `u${i % 23}`,
        messageId: `m${i}`,
        timestamp: new Date(T0 + i * 250).toISOString(),
        context: { sessionId: `s${i % 5}` },
      }),
    }));
    const one = groupName();
    await start({ ...topics }, one);
    await produce(need(), topics, records.slice(0, 200));

    const outputs = await withFreshOutputs(need(), topics);
    const two = groupName();
    const pair = await Promise.all([start(outputs, two), start(outputs, two)]);
    // Both hold tasks (2 of the 4 each) before the rest of the records arrive.
    await until(() => pair.every((p) => p.heldTasks().length === 2));
    await produce(need(), topics, records.slice(200));
    await waitConsumed(need(), topics, one);
    await waitConsumed(need(), topics, two);
    expect(pair.map((p) => p.stats.recordsIn > 0)).toEqual([true, true]);
    expect(pair[0].stats.recordsIn + pair[1].stats.recordsIn).toBe(400);
    const totalsOne = totals(await readAll(need(), topics.processedEvents));
    expect(Object.keys(totalsOne).length).toBeGreaterThan(20);
    expect(totals(await readAll(need(), outputs.processedEvents))).toEqual(totalsOne);
  });
});
