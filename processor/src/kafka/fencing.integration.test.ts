import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { createKafkaClient } from '@inlet/streams';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProcessorChild, startChild } from '../testing/child';
import { FIXTURE_OPTIONS } from '../testing/fixture';
import {
  createTestTopics,
  latestPerKey,
  produce,
  readAll,
  type TestTopics,
  totals,
  waitConsumed,
} from '../testing/kafka-harness';
import { eventStream } from '../testing/stream';
import { KafkaProcessor } from './kafka-processor';
import { commitTransaction, isTaskFencedError } from './transactions';

const brokers = kafkaBrokers();
const need = (): string[] => defined(brokers, 'Kafka brokers');
const children: ProcessorChild[] = [];
const inProcess: KafkaProcessor[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.child.kill('SIGCONT');
    c.child.kill('SIGKILL');
  }
  await Promise.all(inProcess.splice(0).map((p) => p.stop()));
});

const launch = (topics: TestTopics, group: string): ProcessorChild => {
  const child = startChild([
    '--brokers',
    need().join(','),
    '--group',
    group,
    '--window',
    '10s',
    '--out-of-orderness',
    '2s',
    '--grace',
    '5s',
    '--idle',
    '0',
    ...Object.entries(topics).flatMap(([k, v]) => ['--topic', `${k}=${v}`]),
  ]);
  children.push(child);
  return child;
};

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
    const out = await createTestTopics(need(), 1);
    const topics: TestTopics = {
      ...inputs,
      processedEvents: out.processedEvents,
      userState: out.userState,
      bookingState: out.bookingState,
      deadLetter: out.deadLetter,
    };
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

    const clean = new KafkaProcessor({
      brokers: need(),
      groupId: `${group}-clean`,
      topics: inputs,
      ...FIXTURE_OPTIONS,
      streamLogger: () => {},
    });
    inProcess.push(clean);
    await clean.start();
    await waitConsumed(need(), inputs, `${group}-clean`);
    expect(totals(await readAll(need(), topics.processedEvents))).toEqual(
      totals(await readAll(need(), inputs.processedEvents)),
    );
    expect(latestPerKey(await readAll(need(), topics.userState))).toEqual(
      latestPerKey(await readAll(need(), inputs.userState)),
    );
    expect((await readAll(need(), topics.deadLetter)).length).toBe(
      (await readAll(need(), inputs.deadLetter)).length,
    );
  }, 180_000);
});
