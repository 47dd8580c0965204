import { randomBytes } from 'node:crypto';
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
import { KafkaProcessor } from './kafka-processor';

const brokers = kafkaBrokers();
const need = (): string[] => defined(brokers, 'Kafka brokers');
const running: KafkaProcessor[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});

describe.skipIf(!brokers)('failed transactions on the real broker', () => {
  it('commits that keep failing are aborted, the task rebuilt and its input sought back: nothing lost or doubled', async () => {
    const inputs = await createTestTopics(need(), 2);
    const out = await createTestTopics(need(), 1);
    const topics: TestTopics = {
      ...inputs,
      processedEvents: out.processedEvents,
      userState: out.userState,
      bookingState: out.bookingState,
      deadLetter: out.deadLetter,
    };
    const records = eventStream(1_500);
    const group = `proc-abort-${randomBytes(4).toString('hex')}`;
    let commits = 0;
    // The 2nd to 8th commit attempts fail: more than one transaction's retries, so task state is rebuilt.
    const faulty = new KafkaProcessor({
      brokers: need(),
      groupId: group,
      topics,
      ...FIXTURE_OPTIONS,
      streamLogger: () => {},
      beforeCommit: async () => {
        commits += 1;
        if (commits >= 2 && commits <= 8) throw new Error('injected commit failure');
      },
    });
    running.push(faulty);
    await faulty.start();
    for (let i = 0; i < 5; i++)
      await produce(need(), inputs, records.slice(i * 300, i === 4 ? undefined : (i + 1) * 300));
    await waitConsumed(need(), inputs, group, 90_000);
    expect(faulty.stats.aborts).toBeGreaterThanOrEqual(7);

    const clean = new KafkaProcessor({
      brokers: need(),
      groupId: `${group}-clean`,
      topics: inputs,
      ...FIXTURE_OPTIONS,
      streamLogger: () => {},
    });
    running.push(clean);
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
