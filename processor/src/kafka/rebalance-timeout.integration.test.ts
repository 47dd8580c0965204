import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createTestTopics, produce, waitConsumed, withFreshOutputs } from '../testing/kafka-harness';
import { useKafkaRig } from '../testing/kafka-rig';
import { eventStream } from '../testing/stream';

const { brokers, need, processors } = useKafkaRig();
const { start, expectCleanRunEquals } = processors;

async function setup() {
  const inputs = await createTestTopics(need(), 4);
  const topics = await withFreshOutputs(need(), inputs);
  return { inputs, topics, group: `proc-rb-${randomBytes(4).toString('hex')}` };
}

describe.skipIf(!brokers)('rebalances and transaction timeouts on the real broker', () => {
  it('a rebalance in the middle of slow batches loses and doubles nothing', async () => {
    const { inputs, topics, group } = await setup();
    const records = eventStream(2_000);
    const feed = async (from: number) => {
      for (let i = from; i < records.length; i += 100) {
        await produce(need(), inputs, records.slice(i, i + 100));
        await sleep(100);
      }
    };
    await produce(need(), inputs, records.slice(0, 300));
    // Each commit waits 150 ms inside its transaction, so the second instance joins mid-batch.
    const slow = { beforeCommit: () => sleep(150).then(() => {}) };
    const first = await start(topics, group, slow);
    while (first.stats.commits < 2) await sleep(20);
    const feeding = feed(300);
    const second = await start(topics, group, slow);
    await feeding;
    await waitConsumed(need(), inputs, group, 120_000);
    expect(second.stats.commits).toBeGreaterThan(0);
    await expectCleanRunEquals(inputs, topics, group);
  }, 240_000);

  it('a transaction the broker aborts for its timeout is redone from the committed state', async () => {
    const { inputs, topics, group } = await setup();
    await produce(need(), inputs, eventStream(800));
    let stalled = false;
    // The first commit stalls past the 2 s transaction timeout; the broker aborts it (its check runs every 10 s).
    const p = await start(topics, group, {
      transactionTimeoutMs: 2_000,
      beforeCommit: async () => {
        if (stalled) return;
        stalled = true;
        await sleep(14_000);
      },
    });
    await waitConsumed(need(), inputs, group, 120_000);
    expect(p.stats.aborts).toBeGreaterThan(0);
    await expectCleanRunEquals(inputs, topics, group);
  }, 240_000);
});
