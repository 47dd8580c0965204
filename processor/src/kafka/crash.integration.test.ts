import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ProcessorChild } from '../testing/child';
import {
  committedAppEvents,
  createTestTopics,
  outputsOf,
  produce,
  readAll,
  recordsCounted,
  type TestTopics,
  waitConsumed,
  withFreshOutputs,
} from '../testing/kafka-harness';
import { kafkaChildFlags } from '../testing/kafka-processors';
import { useKafkaRig } from '../testing/kafka-rig';
import { eventStream } from '../testing/stream';

const { brokers, need, children, processors } = useKafkaRig();

const flags = (topics: TestTopics, group: string) => [
  ...kafkaChildFlags(need(), topics, group),
  '--log-level',
  'info',
];

const committed = (topics: TestTopics, group: string): Promise<bigint> =>
  committedAppEvents(need(), topics, group);

const launch = (args: string[]): ProcessorChild => children.start(args);

const readKafka = (topic: string) => readAll(need(), topic);

describe.skipIf(!brokers)('inlet-processor killed mid-stream (Kafka)', () => {
  it('after SIGKILL and a restart, the output equals a clean run: no double count, no gap', async () => {
    const inputs = await createTestTopics(need(), 3);
    const crashTopics = await withFreshOutputs(need(), inputs);
    const group = `proc-crash-${randomBytes(4).toString('hex')}`;
    const args = flags(crashTopics, group);
    const records = eventStream(3_000); // + 31 closing events

    let child = launch(args);
    await child.waitFor('inlet-processor ready');
    for (let i = 0; i < 20; i++) {
      await produce(need(), inputs, records.slice(i * 150, i === 19 ? undefined : (i + 1) * 150));
      if (i === 8) {
        // Mid-stream: some batches committed, more arriving.
        while ((await committed(inputs, group)) === 0n) await sleep(100);
        child.child.kill('SIGKILL');
        expect(await child.exited).toBe('SIGKILL');
        child = launch(args);
        await child.waitFor('inlet-processor ready');
      }
      await sleep(50);
    }
    await waitConsumed(need(), inputs, group);
    child.child.kill('SIGTERM');
    expect(await child.exited).toBe(0);

    await processors.start(inputs, `${group}-clean`);
    await waitConsumed(need(), inputs, `${group}-clean`);

    // Committed offsets can show before every output partition has its commit marker (the
    // coordinator writes them one by one), so the clean run's output is read until it is whole
    // or 30 s have passed; the assertions below still decide.
    let expected = await outputsOf(inputs, readKafka);
    for (const deadline = Date.now() + 30_000; recordsCounted(expected.totals) < 3_000 - 30; ) {
      if (Date.now() > deadline) break;
      await sleep(500);
      expected = await outputsOf(inputs, readKafka);
    }
    const afterCrash = await outputsOf(crashTopics, readKafka);
    // Every event counted once: the windows' record counts add up to the events not dead-lettered.
    expect(expected.dead).toHaveLength(30);
    expect(recordsCounted(expected.totals)).toBe(3_000 - 30);
    expect(afterCrash.totals).toEqual(expected.totals);
    expect(afterCrash.dead).toEqual(expected.dead);
    expect(afterCrash.users).toEqual(expected.users);
  }, 240_000);
});
