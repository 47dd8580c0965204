import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSinkRecordError, isSinkUnavailableError, isTopicNotFoundError } from '../errors';
import type { SinkRecord } from '../sink';
import { collect } from '../testing/local-log-records';
import { createKafkaClient } from './client';
import { createKafkaReader } from './kafka-reader';
import { createKafkaSink } from './kafka-sink';

const brokers = kafkaBrokers();
const requireBrokers = (): string[] => defined(brokers, 'Kafka brokers');
const quiet = { logLevel: 'silent' } as const;

/** A port on 127.0.0.1 with nothing listening: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe.skipIf(!brokers)('Kafka sink and reader against the broker', () => {
  const topic = `streams-it-${randomUUID().slice(0, 8)}`;
  const empty = `${topic}-empty`;
  const large = `${topic}-large`;
  let admin: Admin;

  beforeAll(async () => {
    admin = createKafkaClient({ brokers: requireBrokers(), ...quiet }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic, numPartitions: 3 },
        { topic: empty, numPartitions: 2 },
        { topic: large, numPartitions: 2 },
      ],
      waitForLeaders: true,
    });
  });
  afterAll(async () => {
    await admin?.deleteTopics({ topics: [topic, empty, large] }).catch(() => {});
    await admin?.disconnect();
  });

  it('stores records with key, headers, value and tombstones, and reads them all back', async () => {
    const sink = createKafkaSink({ brokers: requireBrokers(), clientId: 'streams-it', ...quiet });
    const records: SinkRecord[] = Array.from({ length: 30 }, (_, i) => ({
      topic,
      key: `user-${i % 5}`,
      value: JSON.stringify({ seq: i }),
      headers: { seq: String(i), source: 'it' },
      timestamp: 1_700_000_000_000 + i,
    }));
    records.push({ topic, key: 'user-0', value: null, headers: { seq: '30' } });
    const result = await sink.append(records);
    expect(result.count).toBe(31);
    expect(result.positions.length).toBeGreaterThan(0);
    expect(sink.health()).toMatchObject({
      kind: 'kafka',
      state: 'ready',
      ready: true,
      connection: 'connected',
    });

    const read = await collect(createKafkaReader({ brokers: requireBrokers(), ...quiet }).readTopic(topic));
    expect(read).toHaveLength(31);
    const bySeq = new Map(read.map((r) => [Number(r.headers.seq), r]));
    for (const [i, sent] of records.entries()) {
      const got = bySeq.get(i);
      expect(got).toMatchObject({ topic, key: sent.key, value: sent.value, headers: sent.headers ?? {} });
      if (sent.timestamp !== undefined) expect(got?.timestamp).toBe(sent.timestamp);
    }
    // One key, one partition, in append order: user-0 ends with its tombstone.
    const user0 = read.filter((r) => r.key === 'user-0');
    expect(new Set(user0.map((r) => r.partition)).size).toBe(1);
    expect(user0.map((r) => Number(r.headers.seq))).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(user0.at(-1)?.value).toBeNull();
    await sink.close();
    expect(sink.health().state).toBe('closed');
  });

  it('coalesces concurrent appends without losing or reordering a caller', async () => {
    const sink = createKafkaSink({ brokers: requireBrokers(), ...quiet });
    const bytes = Uint8Array.from([0, 159, 146, 150, 255]);
    const calls = Array.from({ length: 200 }, (_, i) =>
      sink.append([
        {
          topic,
          key: `burst-${i % 7}`,
          value: i === 0 ? bytes : `{"burst":${i}}`,
          headers: { burst: String(i) },
        },
      ]),
    );
    expect((await Promise.all(calls)).every((r) => r.count === 1)).toBe(true);
    await sink.close();

    const reader = createKafkaReader({ brokers: requireBrokers(), ...quiet });
    const burst = (await collect(reader.readTopic(topic, { binary: true }))).filter(
      (r) => r.headers.burst !== undefined,
    );
    expect(burst.map((r) => Number(r.headers.burst)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
    const first = burst.find((r) => r.headers.burst === '0');
    expect(first?.value).toEqual(Buffer.from(bytes));
    // Per key, offsets follow call order.
    for (let k = 0; k < 7; k++) {
      const seqs = burst.filter((r) => r.key === `burst-${k}`).map((r) => Number(r.headers.burst));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  });

  it('refuses a record over the broker limit with SinkRecordError, without failing the appends beside it', async () => {
    const sink = createKafkaSink({ brokers: requireBrokers(), ...quiet });
    const huge = sink.append([{ topic: large, key: 'huge', value: 'x'.repeat(2 * 1024 * 1024) }]);
    const small = sink.append([{ topic: large, key: 'small', value: 'ok' }]);
    const [hugeResult, smallResult] = await Promise.allSettled([huge, small]);
    expect(hugeResult.status === 'rejected' && isSinkRecordError(hugeResult.reason)).toBe(true);
    expect(smallResult.status).toBe('fulfilled');
    expect((await sink.append([{ topic: large, key: 'after', value: 'ok' }])).count).toBe(1);
    await sink.close();
    const keys = (
      await collect(createKafkaReader({ brokers: requireBrokers(), ...quiet }).readTopic(large))
    ).map((r) => r.key);
    expect(keys.sort()).toEqual(['after', 'small']);
  });

  it('reads from an offset, and ends at once on an empty topic', async () => {
    const reader = createKafkaReader({ brokers: requireBrokers(), ...quiet });
    expect(await collect(reader.readTopic(empty))).toEqual([]);
    const all = await collect(reader.readTopic(topic));
    const from = await collect(reader.readTopic(topic, { fromOffset: 10 }));
    expect(from.length).toBe(all.filter((r) => Number(r.offset) >= 10).length);
    expect(from.every((r) => Number(r.offset) >= 10)).toBe(true);
  });

  it('names a missing topic when reading it and when appending to it', async () => {
    const reader = createKafkaReader({ brokers: requireBrokers(), ...quiet });
    const readError = await collect(reader.readTopic(`${topic}-missing`)).catch((e: unknown) => e);
    expect(isTopicNotFoundError(readError)).toBe(true);

    const sink = createKafkaSink({
      brokers: requireBrokers(),
      retry: { retries: 1, initialRetryTimeMs: 50 },
      ...quiet,
    });
    const appendError = await sink
      .append([{ topic: `${topic}-missing`, key: null, value: 'x' }])
      .catch((e: unknown) => e);
    expect(isSinkUnavailableError(appendError)).toBe(true);
    expect((appendError as Error).message).toContain(`${topic}-missing`);
    await sink.close();
  });
});

describe('Kafka sink without a reachable broker', () => {
  it('rejects append and connect with SinkUnavailableError and reports it in health', async () => {
    const sink = createKafkaSink({
      brokers: [`127.0.0.1:${await closedPort()}`],
      connectionTimeoutMs: 500,
      requestTimeoutMs: 1_000,
      retry: { retries: 1, initialRetryTimeMs: 50, maxRetryTimeMs: 100 },
      ...quiet,
    });
    const error = await sink.append([{ topic: 'anything', key: 'k', value: 'v' }]).catch((e: unknown) => e);
    expect(isSinkUnavailableError(error)).toBe(true);
    expect((error as Error).message).toMatch(/Kafka/);
    await expect(sink.connect()).rejects.toSatisfy(isSinkUnavailableError);
    expect(sink.ready()).toBe(false);
    expect(sink.health()).toMatchObject({
      kind: 'kafka',
      state: 'unavailable',
      ready: false,
      connection: 'disconnected',
    });
    expect(sink.health().lastError?.message).toBeTruthy();
    await sink.close();
  });
});
