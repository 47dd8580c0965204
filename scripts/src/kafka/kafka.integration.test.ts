import { topicCatalogue } from '@inlet/schemas';
import { type Admin, Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopic, defined, kafkaBrokers, uniqueName } from '../testing';
import { describeTopics } from './topics';

const brokers = kafkaBrokers();

/** Consumes `topic` from the beginning with a consumer group until `count` messages arrived. */
async function consume(
  kafka: Kafka,
  topic: string,
  count: number,
  readUncommitted = false,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('it-group'), readUncommitted });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    return await new Promise<KafkaMessage[]>((resolve, reject) => {
      const seen: KafkaMessage[] = [];
      consumer
        .run({
          eachMessage: async ({ message }) => {
            seen.push(message);
            if (seen.length === count) resolve(seen);
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

describe.skipIf(!brokers)('Kafka broker with kafkajs 2.2.4', () => {
  // Built in beforeAll: vitest still runs a skipped describe's body to collect its tests.
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    kafka = new Kafka({
      clientId: 'inlet-it',
      brokers: defined(brokers, 'Kafka'),
      logLevel: logLevel.NOTHING,
    });
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin.disconnect();
  });

  it('has the topic catalogue, compacted state topics included', async () => {
    const topics = new Map((await describeTopics(admin)).map((t) => [t.name, t]));
    for (const spec of topicCatalogue()) {
      expect(topics.get(spec.name), spec.name).toEqual({
        name: spec.name,
        partitions: spec.partitions,
        cleanupPolicy: spec.cleanupPolicy,
      });
    }
    expect(topics.get('topic_user_state')?.cleanupPolicy).toBe('compact');
  });

  it('an idempotent producer (acks -1) writes, a consumer group reads key, value and headers', async () => {
    const topic = await createTestTopic(defined(brokers), 'it-produce', { partitions: 2 });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const [meta] = await producer.send({
      topic,
      acks: -1,
      messages: [{ key: 'user-1', value: '{"n":1}', headers: { 'x-source': 'inlet', 'x-id': 'abc' } }],
    });
    await producer.disconnect();
    expect(meta?.errorCode).toBe(0);

    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(1);
    const [message] = await consume(kafka, topic, 1);
    expect(message?.key?.toString()).toBe('user-1');
    expect(message?.value?.toString()).toBe('{"n":1}');
    expect(message?.headers?.['x-source']?.toString()).toBe('inlet');
    expect(message?.headers?.['x-id']?.toString()).toBe('abc');
  });

  it('transactions commit with sendOffsets, and aborted records stay invisible to read_committed', async () => {
    const input = await createTestTopic(defined(brokers), 'it-tx-in');
    const output = await createTestTopic(defined(brokers), 'it-tx-out');
    const groupId = uniqueName('it-tx-group');
    const producer = kafka.producer({
      transactionalId: uniqueName('it-tx'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      const first = await producer.transaction();
      await first.send({ topic: output, messages: [{ key: 'k', value: 'committed-1' }] });
      await first.sendOffsets({
        consumerGroupId: groupId,
        topics: [{ topic: input, partitions: [{ partition: 0, offset: '5' }] }],
      });
      await first.commit();

      const aborted = await producer.transaction();
      await aborted.send({ topic: output, messages: [{ key: 'k', value: 'aborted' }] });
      await aborted.abort();

      const last = await producer.transaction();
      await last.send({ topic: output, messages: [{ key: 'k', value: 'committed-2' }] });
      await last.commit();
    } finally {
      await producer.disconnect();
    }

    const [committed] = await admin.fetchOffsets({ groupId, topics: [input] });
    expect(committed?.partitions).toEqual([{ partition: 0, offset: '5', metadata: null }]);
    const values = (await consume(kafka, output, 2)).map((m) => m.value?.toString());
    expect(values).toEqual(['committed-1', 'committed-2']);
  });

  it('admin reads topic metadata and offsets', async () => {
    const topic = await createTestTopic(defined(brokers), 'it-admin', { partitions: 3 });
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0]?.partitions).toHaveLength(3);
    expect(topics[0]?.partitions.every((p) => p.leader >= 0)).toBe(true);
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.map((o) => o.high).sort()).toEqual(['0', '0', '0']);
  });
});
