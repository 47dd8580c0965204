/**
 * Reads a Kafka topic from the beginning (or an offset) to the end it had when the read started, then
 * stops: for tests, the simulators' audit and tools. Each read uses a throwaway consumer group that
 * never commits, and ends once every partition reached the high watermark fetched at the start.
 */
import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { TopicNotFoundError } from '../errors';
import type { ReadOptions, StoredRecord, TopicReader } from '../sink';
import { createKafkaClient, type KafkaClientOptions } from './client';

export interface KafkaReaderOptions extends KafkaClientOptions {
  /** Prefix of the throwaway consumer group ids. Default `inlet-reader`. */
  readonly groupIdPrefix?: string;
}

export interface KafkaReadOptions extends ReadOptions {
  /** Values as bytes (Buffer) instead of UTF-8 text. Default false. */
  readonly binary?: boolean;
  /** Fail when nothing arrives for this long, in ms (a broker that went away). Default 30 000. */
  readonly idleTimeoutMs?: number;
}

/** Records buffered before the consumer waits for the iteration to catch up. */
const HIGH_WATER = 2_000;

const text = (v: Buffer | string): string => (typeof v === 'string' ? v : v.toString('utf8'));

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined) out[name] = text(last);
  }
  return out;
}

export const toStored = (
  topic: string,
  partition: number,
  m: KafkaMessage,
  binary: boolean,
): StoredRecord => ({
  topic,
  partition,
  offset: m.offset,
  key: m.key === null || m.key === undefined ? null : m.key.toString('utf8'),
  headers: headersOf(m.headers),
  timestamp: Number(m.timestamp),
  value: m.value === null ? null : binary ? m.value : m.value.toString('utf8'),
});

export class KafkaReader implements TopicReader {
  private readonly kafka: Kafka;
  private readonly groupIdPrefix: string;

  constructor(options: KafkaReaderOptions) {
    this.kafka = createKafkaClient(options);
    this.groupIdPrefix = options.groupIdPrefix ?? 'inlet-reader';
  }

  readTopic(topic: string, options: KafkaReadOptions = {}): AsyncIterable<StoredRecord> {
    return this.read(topic, options);
  }

  private async *read(topic: string, options: KafkaReadOptions): AsyncGenerator<StoredRecord> {
    const admin = this.kafka.admin();
    await admin.connect();
    const groupId = `${this.groupIdPrefix}-${randomUUID()}`;
    let consumer: Consumer | undefined;
    try {
      const ranges = await partitionRanges(admin, topic, options.fromOffset);
      if (ranges.size === 0) return;
      consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
      yield* consume(consumer, topic, ranges, options);
    } finally {
      await consumer?.disconnect().catch(() => {});
      if (consumer) await admin.deleteGroups([groupId]).catch(() => {});
      await admin.disconnect();
    }
  }
}

/** Per partition: the first offset to read and the high watermark to stop at; only partitions with records to read. */
async function partitionRanges(
  admin: Admin,
  topic: string,
  fromOffset: string | number | undefined,
): Promise<Map<number, { start: bigint; high: bigint }>> {
  if (!(await admin.listTopics()).includes(topic)) {
    throw new TopicNotFoundError(
      topic,
      'Kafka has no such topic (create it with ensureTopics / npm run kafka)',
    );
  }
  if (fromOffset !== undefined && !/^\d+$/.test(String(fromOffset))) {
    throw new RangeError(`fromOffset must be a non-negative integer, got ${JSON.stringify(fromOffset)}`);
  }
  const from = fromOffset === undefined ? undefined : BigInt(fromOffset);
  const ranges = new Map<number, { start: bigint; high: bigint }>();
  for (const w of await admin.fetchTopicOffsets(topic)) {
    const low = BigInt(w.low);
    const high = BigInt(w.high);
    const start = from === undefined || from < low ? low : from;
    if (start < high) ranges.set(w.partition, { start, high });
  }
  return ranges;
}

async function* consume(
  consumer: Consumer,
  topic: string,
  pending: Map<number, { start: bigint; high: bigint }>,
  options: KafkaReadOptions,
): AsyncGenerator<StoredRecord> {
  const { binary = false, idleTimeoutMs = 30_000, signal } = options;
  const buffer: StoredRecord[] = [];
  let failure: unknown;
  let stopped = false;
  let wake: (() => void) | undefined;
  let resume: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  // A partition is done once a batch reached the watermark, even a batch of control records only.
  const reached = (partition: number, lastOffset: string) => {
    const range = pending.get(partition);
    if (range && BigInt(lastOffset) >= range.high - 1n) pending.delete(partition);
    notify();
  };
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (payload.topic === topic) reached(payload.partition, payload.lastOffset);
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) {
      failure = payload.error;
      notify();
    }
  });
  signal?.addEventListener('abort', notify, { once: true });

  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const range = pending.get(batch.partition);
      for (const m of batch.messages) {
        const offset = BigInt(m.offset);
        if (range && offset >= range.start && offset < range.high) {
          buffer.push(toStored(topic, batch.partition, m, binary));
          // A consumer that kafkajs restarted reads from the beginning again: never yield twice.
          range.start = offset + 1n;
        }
      }
      if (batch.messages.length > 0) reached(batch.partition, batch.lastOffset());
      while (buffer.length >= HIGH_WATER && !stopped) await new Promise<void>((r) => (resume = r));
    },
  });
  // Seeking only saves reading what lies before `start`; the filter above keeps the result right
  // without it. kafkajs refuses a seek while a failed first join restarts the consumer ("Consumer
  // group was not initialized"), so a refused seek is tried again once the group is joined.
  const seekAll = () => {
    for (const [partition, { start }] of pending) {
      try {
        consumer.seek({ topic, partition, offset: String(start) });
      } catch {}
    }
  };
  consumer.on(consumer.events.GROUP_JOIN, seekAll);
  seekAll();

  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      if (signal?.aborted) return;
      const next = buffer.shift();
      if (next !== undefined) {
        if (buffer.length < HIGH_WATER / 2) resume?.();
        yield next;
        continue;
      }
      if (pending.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await new Promise<boolean>((r) => {
        wake = () => r(false);
        timer = setTimeout(() => r(true), idleTimeoutMs);
      });
      clearTimeout(timer);
      if (timedOut) {
        throw new Error(
          `reading Kafka topic "${topic}": nothing arrived for ${idleTimeoutMs} ms with partitions ${[...pending.keys()].join(', ')} unfinished; is the broker up?`,
        );
      }
    }
  } finally {
    stopped = true;
    resume?.();
    signal?.removeEventListener('abort', notify);
  }
}

/** A reader for Kafka topics; each `readTopic` opens and closes its own connections. */
export const createKafkaReader = (options: KafkaReaderOptions): KafkaReader => new KafkaReader(options);
