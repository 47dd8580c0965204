/** Test support for Kafka mode: a private set of topics per test, writing fixtures, reading outputs. */
import { randomBytes } from 'node:crypto';
import { TOPICS, type TopicKey } from '@inlet/schemas';
import { createKafkaClient, createKafkaReader, ensureTopics, type StoredRecord } from '@inlet/streams';
import type { Admin } from 'kafkajs';
import type { InputRole } from '../core/input';
import type { FixtureRecord } from './fixture';

export type TestTopics = Record<TopicKey, string>;

const ROLE_TOPIC: Record<InputRole, TopicKey> = {
  events: 'appEvents',
  clicks: 'clickstream',
  logs: 'appLogs',
  cdc: 'cdcChanges',
};

export const quiet = { logLevel: 'silent' } as const;

/** Creates every catalogue topic under a unique prefix; state topics compacted. */
export async function createTestTopics(brokers: string[], inputPartitions: number): Promise<TestTopics> {
  const prefix = `proc-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const topics = {
    appEvents: `${prefix}-events`,
    clickstream: `${prefix}-clicks`,
    appLogs: `${prefix}-logs`,
    cdcChanges: `${prefix}-cdc`,
    externalData: `${prefix}-external`,
    processedEvents: `${prefix}-processed`,
    userState: `${prefix}-users`,
    bookingState: `${prefix}-bookings`,
    deadLetter: `${prefix}-dead`,
  } satisfies TestTopics;
  const inputs = new Set<TopicKey>(['appEvents', 'clickstream', 'appLogs', 'cdcChanges']);
  await withAdmin(brokers, (admin) =>
    ensureTopics(
      admin,
      (Object.entries(topics) as [TopicKey, string][]).map(([key, name]) => ({
        ...TOPICS[key],
        name,
        partitions: inputs.has(key) ? inputPartitions : 2,
      })),
    ),
  );
  return topics;
}

/**
 * `inputs` with the outputs of a fresh topic set: a second run over the same inputs writes apart from the
 * first, so the two can be compared.
 */
export async function withFreshOutputs(brokers: string[], inputs: TestTopics): Promise<TestTopics> {
  const out = await createTestTopics(brokers, 1);
  return {
    ...inputs,
    processedEvents: out.processedEvents,
    userState: out.userState,
    bookingState: out.bookingState,
    deadLetter: out.deadLetter,
  };
}

export async function withAdmin<T>(brokers: string[], fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = createKafkaClient({ brokers, ...quiet }).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Writes fixture records to their input topics (keyed as the gateway and CDC collector key them). */
export async function produce(
  brokers: string[],
  topics: TestTopics,
  records: readonly FixtureRecord[],
): Promise<void> {
  const producer = createKafkaClient({ brokers, ...quiet }).producer({ idempotent: true });
  await producer.connect();
  try {
    await producer.sendBatch({
      acks: -1,
      topicMessages: records.map((r) => ({
        topic: topics[ROLE_TOPIC[r.role]],
        messages: [{ key: r.key, value: r.value }],
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

/** How many app events the group has committed (its offsets on the app events topic, summed). */
export async function committedAppEvents(
  brokers: string[],
  topics: TestTopics,
  groupId: string,
): Promise<bigint> {
  return withAdmin(brokers, async (admin) => {
    const offsets = await admin.fetchOffsets({ groupId, topics: [topics.appEvents] });
    return offsets
      .flatMap((t) => t.partitions)
      .reduce((sum, p) => sum + (BigInt(p.offset) > 0n ? BigInt(p.offset) : 0n), 0n);
  });
}

/** Waits until the group's committed offsets reach the end of every input topic. */
export async function waitConsumed(
  brokers: string[],
  topics: TestTopics,
  groupId: string,
  timeoutMs = 45_000,
): Promise<void> {
  const inputs = [topics.appEvents, topics.clickstream, topics.appLogs, topics.cdcChanges];
  const deadline = Date.now() + timeoutMs;
  await withAdmin(brokers, async (admin) => {
    for (;;) {
      const ends = new Map<string, string>();
      for (const t of inputs)
        for (const o of await admin.fetchTopicOffsets(t)) ends.set(`${t}:${o.partition}`, o.high);
      const committed = await admin.fetchOffsets({ groupId, topics: inputs });
      const behind = committed.flatMap(({ topic, partitions }) =>
        partitions.filter((p) => {
          const end = ends.get(`${topic}:${p.partition}`) ?? '0';
          return end !== '0' && BigInt(p.offset) < BigInt(end);
        }),
      );
      if (behind.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(`group ${groupId} still behind on ${JSON.stringify(behind)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
}

export async function readAll(brokers: string[], topic: string): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for await (const r of createKafkaReader({ brokers, ...quiet }).readTopic(topic)) out.push(r);
  return out;
}

/** What a compacted topic keeps: the latest record per key, tombstones removing the key. */
export function latestPerKey(records: readonly StoredRecord[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const r of records) {
    const key = r.key ?? '';
    if (r.value === null) out.delete(key);
    else out.set(key, JSON.parse(String(r.value)));
  }
  return out;
}

interface Aggregate {
  metric: string;
  windowStart: string;
  dimensions: Record<string, unknown>;
  count: number;
  value: number;
}

/** Sums the latest aggregate per key over the tasks: `windowStart metric dims` → [count, value]. */
export function totals(records: readonly StoredRecord[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const v of latestPerKey(records).values()) {
    const a = v as Aggregate;
    const dims = Object.entries(a.dimensions)
      .map(([k, d]) => `${k}=${String(d)}`)
      .join(',');
    const key = `${a.windowStart} ${a.metric} ${dims}`;
    const [c, x] = out[key] ?? [0, 0];
    out[key] = [c + a.count, x + a.value];
  }
  // Sums of fractions (conversions) depend on the order they are added in: compare them rounded.
  for (const [key, [c, x]] of Object.entries(out)) out[key] = [c, Math.round(x * 1e6) / 1e6];
  return out;
}

/** A run's outputs as compared after a crash: totals, latest user states, dead-lettered message ids. */
export async function outputsOf(
  topics: Pick<TestTopics, 'processedEvents' | 'userState' | 'deadLetter'>,
  read: (topic: string) => Promise<StoredRecord[]>,
) {
  return {
    totals: totals(await read(topics.processedEvents)),
    users: latestPerKey(await read(topics.userState)),
    dead: (await read(topics.deadLetter))
      .map((r) => JSON.parse(String(r.value)).payload.value.messageId)
      .sort(),
  };
}

/** How many input records the windows counted: the `records` metric summed over every window. */
export function recordsCounted(t: Record<string, [number, number]>): number {
  return Object.entries(t)
    .filter(([k]) => k.endsWith(' records '))
    .reduce((sum, [, [count]]) => sum + count, 0);
}
