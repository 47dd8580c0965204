import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { afterEach, describe, expect, it } from 'vitest';
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
import type { KafkaProcessorOptions } from './kafka-options';
import { KafkaProcessor } from './kafka-processor';

const brokers = kafkaBrokers();
const need = (): string[] => defined(brokers, 'Kafka brokers');
const running: KafkaProcessor[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});

async function start(topics: TestTopics, groupId: string, extra: Partial<KafkaProcessorOptions> = {}) {
  const p = new KafkaProcessor({
    brokers: need(),
    groupId,
    topics,
    ...FIXTURE_OPTIONS,
    streamLogger: () => {},
    ...extra,
  });
  running.push(p);
  await p.start();
  return p;
}

async function setup() {
  const inputs = await createTestTopics(need(), 4);
  const out = await createTestTopics(need(), 1);
  const topics: TestTopics = {
    ...inputs,
    processedEvents: out.processedEvents,
    userState: out.userState,
    bookingState: out.bookingState,
    deadLetter: out.deadLetter,
  };
  return { inputs, topics, group: `proc-rb-${randomBytes(4).toString('hex')}` };
}

/** The outputs under `topics` equal a clean run's over the same inputs. */
async function expectCleanRunEquals(inputs: TestTopics, topics: TestTopics, group: string) {
  await start(inputs, `${group}-clean`);
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
