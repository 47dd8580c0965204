/**
 * A real gateway (HTTP server, Kafka sink) whose app-events and dead-letter topics are fresh for one
 * compatibility test file, so what a client sent can be read back exactly, without run prefixes in
 * the clients' own payloads (the curl examples stay byte for byte as Segment documents them).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestTopic } from '@inlet/scripts/testing';
import { createKafkaReader, type StoredRecord } from '@inlet/streams';
import { afterAll, beforeAll } from 'vitest';
import { type RunningGateway, startGateway } from '../server/start';
import { testConfig } from '../testing/ingest-load';

export { TEST_KEY } from '../testing/ingest-load';

export interface StoredEvent {
  readonly record: StoredRecord;
  /** The record's value, parsed. */
  readonly event: Record<string, unknown>;
}

export interface CompatGateway {
  readonly url: string;
  readonly appEventsTopic: string;
  readonly deadLetterTopic: string;
  /** Every record on the app-events topic, in partition and offset order. */
  appEvents(): Promise<StoredEvent[]>;
  deadLetters(): Promise<StoredEvent[]>;
  stop(): Promise<void>;
}

/**
 * A compatibility gateway for the tests of the calling `describe`: started before them, stopped after.
 * The getter returns it once started.
 */
export function useCompatGateway(brokers: () => readonly string[], name: string): () => CompatGateway {
  let gateway: CompatGateway | undefined;
  beforeAll(async () => {
    gateway = await startCompatGateway(brokers(), name);
  });
  afterAll(async () => {
    await gateway?.stop();
  });
  return () => {
    if (gateway === undefined) throw new Error(`the ${name} compatibility gateway has not started`);
    return gateway;
  };
}

export async function startCompatGateway(brokers: readonly string[], name: string): Promise<CompatGateway> {
  const [appEventsTopic, deadLetterTopic] = await Promise.all([
    createTestTopic(brokers, `compat-${name}-events`, { partitions: 2 }),
    createTestTopic(brokers, `compat-${name}-dlq`),
  ]);
  const dir = await mkdtemp(join(tmpdir(), `inlet-compat-${name}-`));
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(
      testConfig({
        sink: 'kafka',
        brokers: [...brokers],
        dataDir: dir,
        topics: { appEvents: appEventsTopic, deadLetter: deadLetterTopic },
      }),
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const readOnce = async (topic: string): Promise<StoredEvent[]> => {
    const reader = createKafkaReader({ brokers: [...brokers], logLevel: 'silent' });
    const found: StoredEvent[] = [];
    for await (const record of reader.readTopic(topic)) {
      found.push({ record, event: JSON.parse(String(record.value)) as Record<string, unknown> });
    }
    return found;
  };
  // The reader seeks right after consumer.run(); when the group's first join fails on a busy broker,
  // kafkajs restarts the consumer and the seek throws "Consumer group was not initialized". A whole
  // read is repeatable, so it is simply read again.
  const read = async (topic: string): Promise<StoredEvent[]> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await readOnce(topic);
      } catch (error) {
        if (attempt >= 3 || !String(error).includes('not initialized')) throw error;
      }
    }
  };
  return {
    url: gateway.url,
    appEventsTopic,
    deadLetterTopic,
    appEvents: () => read(appEventsTopic),
    deadLetters: () => read(deadLetterTopic),
    async stop() {
      await gateway.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** How many records carry each `message-id` header (a client's retry must not be stored twice). */
export function countByMessageId(events: readonly StoredEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { record } of events) {
    const id = record.headers['message-id'] ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
