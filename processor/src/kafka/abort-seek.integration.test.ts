import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestTopics, produce, waitConsumed, withFreshOutputs } from '../testing/kafka-harness';
import { useKafkaRig } from '../testing/kafka-rig';
import { eventStream } from '../testing/stream';

const { brokers, need, processors } = useKafkaRig();

describe.skipIf(!brokers)('failed transactions on the real broker', () => {
  it('commits that keep failing are aborted, the task rebuilt and its input sought back: nothing lost or doubled', async () => {
    const inputs = await createTestTopics(need(), 2);
    const topics = await withFreshOutputs(need(), inputs);
    const records = eventStream(1_500);
    const group = `proc-abort-${randomBytes(4).toString('hex')}`;
    let commits = 0;
    // The 2nd to 8th commit attempts fail: more than one transaction's retries, so task state is rebuilt.
    const faulty = await processors.start(topics, group, {
      beforeCommit: async () => {
        commits += 1;
        if (commits >= 2 && commits <= 8) throw new Error('injected commit failure');
      },
    });
    for (let i = 0; i < 5; i++)
      await produce(need(), inputs, records.slice(i * 300, i === 4 ? undefined : (i + 1) * 300));
    await waitConsumed(need(), inputs, group, 90_000);
    expect(faulty.stats.aborts).toBeGreaterThanOrEqual(7);

    await processors.expectCleanRunEquals(inputs, topics, group);
  }, 180_000);
});
