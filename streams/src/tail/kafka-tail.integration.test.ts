import { createTestTopic, defined, kafkaBrokers } from '@inlet/scripts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createKafkaSink } from '../kafka/kafka-sink';
import type { StoredRecord } from '../sink';
import { tailKafkaTopics } from './kafka-tail';
import type { Tail } from './tail';

const brokers = kafkaBrokers();
const quiet = { logLevel: 'silent' } as const;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const open: Tail[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

describe.skipIf(!brokers)('tailKafkaTopics against the broker', () => {
  it('delivers the newest backlog records of each partition, then what is produced after', async () => {
    const b = defined(brokers, 'brokers');
    const [one, two] = [
      await createTestTopic(b, 'tail-a', { partitions: 2 }),
      await createTestTopic(b, 'tail-b'),
    ];
    const sink = createKafkaSink({ brokers: b, ...quiet });
    // Keys chosen per partition would tie the test to the partitioner: count per partition instead.
    await sink.append(
      Array.from({ length: 20 }, (_, i) => ({ topic: one, key: `k${i}`, value: `old-${i}` })),
    );
    const seen: StoredRecord[] = [];
    const tail = tailKafkaTopics({
      brokers: b,
      topics: [one, two, 'no-such-topic-tail'],
      backlog: 2,
      onRecord: (r) => seen.push(r),
      ...quiet,
    });
    open.push(tail);
    await until(() => tail.status().readable, 'the tail to run');
    expect(tail.status().following).toEqual([one, two]);
    expect(tail.status().lastError).toMatch(/no-such-topic-tail/);
    await until(() => seen.length >= 4, 'the backlog');
    const perPartition = new Map<number, number>();
    for (const r of seen) perPartition.set(r.partition, (perPartition.get(r.partition) ?? 0) + 1);
    expect([...perPartition.values()]).toEqual([2, 2]);

    await sink.append([
      { topic: two, key: 'x', value: 'new-two', headers: { h: '1' } },
      { topic: one, key: 'y', value: null },
    ]);
    await until(() => seen.length >= 6, 'the new records');
    expect(seen.find((r) => r.topic === two)).toMatchObject({
      key: 'x',
      value: 'new-two',
      headers: { h: '1' },
    });
    expect(seen.find((r) => r.key === 'y')?.value).toBeNull();
    await sink.close();
  });
});
