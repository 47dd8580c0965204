/** Test support for Kafka mode: processors started for a test, stopped after it, and a clean run to compare with. */
import { expect } from 'vitest';
import type { KafkaProcessorOptions } from '../kafka/kafka-options';
import { KafkaProcessor } from '../kafka/kafka-processor';
import { FIXTURE_FLAGS, FIXTURE_OPTIONS } from './fixture';
import { latestPerKey, readAll, type TestTopics, totals, waitConsumed } from './kafka-harness';

export interface TestProcessors {
  /** Starts a processor with the fixture's options (and `extra`) on `topics` in group `groupId`. */
  start(topics: TestTopics, groupId: string, extra?: Partial<KafkaProcessorOptions>): Promise<KafkaProcessor>;
  /** Stops every processor started since the last call: for afterEach. */
  stopAll(): Promise<void>;
  /** Runs a clean processor over `inputs` and expects the outputs under `topics` to equal its outputs. */
  expectCleanRunEquals(inputs: TestTopics, topics: TestTopics, group: string): Promise<void>;
}

/** `brokers` is called when a processor starts, so a test file can create this before it knows them. */
export function testProcessors(brokers: () => string[]): TestProcessors {
  const running: KafkaProcessor[] = [];
  const start: TestProcessors['start'] = async (topics, groupId, extra = {}) => {
    const p = new KafkaProcessor({
      brokers: brokers(),
      groupId,
      topics,
      ...FIXTURE_OPTIONS,
      streamLogger: () => {},
      ...extra,
    });
    running.push(p);
    await p.start();
    return p;
  };
  return {
    start,
    async stopAll() {
      await Promise.all(running.splice(0).map((p) => p.stop()));
    },
    async expectCleanRunEquals(inputs, topics, group) {
      await start(inputs, `${group}-clean`);
      await waitConsumed(brokers(), inputs, `${group}-clean`);
      expect(totals(await readAll(brokers(), topics.processedEvents))).toEqual(
        totals(await readAll(brokers(), inputs.processedEvents)),
      );
      expect(latestPerKey(await readAll(brokers(), topics.userState))).toEqual(
        latestPerKey(await readAll(brokers(), inputs.userState)),
      );
      expect((await readAll(brokers(), topics.deadLetter)).length).toBe(
        (await readAll(brokers(), inputs.deadLetter)).length,
      );
    },
  };
}

/** `inlet-processor` flags for Kafka mode with the fixture's options. */
export function kafkaChildFlags(brokers: readonly string[], topics: TestTopics, group: string): string[] {
  return [
    '--brokers',
    brokers.join(','),
    '--group',
    group,
    ...FIXTURE_FLAGS,
    ...Object.entries(topics).flatMap(([k, v]) => ['--topic', `${k}=${v}`]),
  ];
}
