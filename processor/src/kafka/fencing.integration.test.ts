import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafkaClient } from '@inlet/streams';
import { describe, expect, it } from 'vitest';
import type { ProcessorChild } from '../testing/child';
import {
  createTestTopics,
  produce,
  readAll,
  type TestTopics,
  waitConsumed,
  withFreshOutputs,
} from '../testing/kafka-harness';
import { kafkaChildFlags } from '../testing/kafka-processors';
import { useKafkaRig } from '../testing/kafka-rig';
import { eventStream } from '../testing/stream';
import { commitTransaction, isTaskFencedError } from './transactions';

const { brokers, need, children, processors } = useKafkaRig();

const launch = (topics: TestTopics, group: string): ProcessorChild =>
  children.start(kafkaChildFlags(need(), topics, group));

describe.skipIf(!brokers)('fencing on the real broker', () => {
  it('a producer whose transactionalId was taken over cannot commit: TaskFencedError', async () => {
    const topics = await createTestTopics(need(), 1);
    const kafka = createKafkaClient({ brokers: need(), logLevel: 'silent' });
    const id = `fence-${randomBytes(4).toString('hex')}`;
    const zombie = kafka.producer({ transactionalId: id, idempotent: true, maxInFlightRequests: 1 });
    const successor = kafka.producer({ transactionalId: id, idempotent: true, maxInFlightRequests: 1 });
    const batch = (value: string) => ({
      messages: [{ topic: topics.processedEvents, messages: [{ key: 'k', value }] }],
      offsets: [],
      groupId: id,
    });
    try {
      await zombie.connect();
      await commitTransaction(zombie, 3, batch('before'));
      // What restoreTasks does for a task it takes over: initialise the id (fencing the zombie).
      await successor.connect();
      await (await successor.transaction()).abort();
      const outcome = await commitTransaction(zombie, 3, batch('zombie')).then(
        () => 'committed',
        (e: unknown) => e,
      );
      expect(isTaskFencedError(outcome)).toBe(true);
      await commitTransaction(successor, 3, batch('successor'));
      expect((await readAll(need(), topics.processedEvents)).map((r) => r.value)).toEqual([
        'before',
        'successor',
      ]);
    } finally {
      await Promise.allSettled([zombie.disconnect(), successor.disconnect()]);
    }
  });

  it('an instance frozen (SIGSTOP) while another takes its tasks, then resumed, leaves the output equal to a clean run', async () => {
    const inputs = await createTestTopics(need(), 2);
    const topics = await withFreshOutputs(need(), inputs);
    const group = `proc-fence-${randomBytes(4).toString('hex')}`;
    const records = eventStream(2_000);
    const frozen = launch(topics, group);
    await frozen.waitFor('inlet-processor ready');
    await produce(need(), inputs, records.slice(0, 600));
    await sleep(300);
    frozen.child.kill('SIGSTOP');
    await produce(need(), inputs, records.slice(600, 1_200));
    const successor = launch(topics, group);
    await successor.waitFor('tasks restored');
    await produce(need(), inputs, records.slice(1_200, 1_600));
    await sleep(1_000);
    frozen.child.kill('SIGCONT');
    await produce(need(), inputs, records.slice(1_600));
    await waitConsumed(need(), inputs, group, 90_000);

    await processors.expectCleanRunEquals(inputs, topics, group);
  }, 180_000);
});
