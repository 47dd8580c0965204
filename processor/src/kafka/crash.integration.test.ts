import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
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
  withAdmin,
} from '../testing/kafka-harness';
import { eventStream } from '../testing/stream';
import { KafkaProcessor } from './kafka-processor';

const brokers = kafkaBrokers();
const need = (): string[] => defined(brokers, 'Kafka brokers');
const children: ProcessorChild[] = [];
const inProcess: KafkaProcessor[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) c.child.kill('SIGKILL');
  await Promise.all(inProcess.splice(0).map((p) => p.stop()));
});

const flags = (topics: TestTopics, group: string) => [
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
  '--log-level',
  'info',
  ...Object.entries(topics).flatMap(([k, v]) => ['--topic', `${k}=${v}`]),
];

async function committed(topics: TestTopics, group: string): Promise<bigint> {
  return withAdmin(need(), async (admin) => {
    const offsets = await admin.fetchOffsets({ groupId: group, topics: [topics.appEvents] });
    return offsets
      .flatMap((t) => t.partitions)
      .reduce((sum, p) => sum + (BigInt(p.offset) > 0n ? BigInt(p.offset) : 0n), 0n);
  });
}

function launch(args: string[]): ProcessorChild {
  const child = startChild(args);
  children.push(child);
  return child;
}

async function outputsOf(topics: TestTopics) {
  return {
    totals: totals(await readAll(need(), topics.processedEvents)),
    users: latestPerKey(await readAll(need(), topics.userState)),
    dead: (await readAll(need(), topics.deadLetter))
      .map((r) => JSON.parse(String(r.value)).payload.value.messageId)
      .sort(),
  };
}

describe.skipIf(!brokers)('inlet-processor killed mid-stream (Kafka)', () => {
  it('after SIGKILL and a restart, the output equals a clean run: no double count, no gap', async () => {
    const inputs = await createTestTopics(need(), 3);
    const crashOut = await createTestTopics(need(), 1);
    const crashTopics: TestTopics = {
      ...inputs,
      processedEvents: crashOut.processedEvents,
      userState: crashOut.userState,
      bookingState: crashOut.bookingState,
      deadLetter: crashOut.deadLetter,
    };
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

    const expected = await outputsOf(inputs);
    const afterCrash = await outputsOf(crashTopics);
    // Every event counted once: the windows' record counts add up to the events not dead-lettered.
    const counted = Object.entries(expected.totals)
      .filter(([k]) => k.endsWith(' records '))
      .reduce((sum, [, [count]]) => sum + count, 0);
    expect(expected.dead).toHaveLength(30);
    expect(counted).toBe(3_000 - 30);
    expect(afterCrash.totals).toEqual(expected.totals);
    expect(afterCrash.dead).toEqual(expected.dead);
    expect(afterCrash.users).toEqual(expected.users);
  }, 240_000);
});
