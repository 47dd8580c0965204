/**
 * Reading the last records of each partition of a topic, for the restart mark (`stored-mark.ts`): from
 * Kafka (high watermark − 2 per partition, a throwaway consumer that never commits) or from the local log.
 * Two records, so a partition that ends with a tombstone still shows the delete before it.
 */
import { randomUUID } from 'node:crypto';
import {
  createKafkaClient,
  describeLocalLog,
  readLocalTopic,
  type StoredRecord,
  TopicNotFoundError,
} from '@inlet/streams';
import { type StreamPosition, topicMark } from './stored-mark';

/** Per partition, its last records in offset order; only partitions that hold records. */
export type TopicTail = ReadonlyMap<number, readonly StoredRecord[]>;
export type ReadTopicTail = (topic: string, signal: AbortSignal) => Promise<TopicTail>;

const TAIL = 2n;

export function kafkaTail(brokers: readonly string[]): ReadTopicTail {
  return async (topic, signal) => {
    const kafka = createKafkaClient({ brokers, clientId: 'inlet-cdc-tail' });
    const admin = kafka.admin();
    await admin.connect();
    let ranges: Map<number, { start: bigint; high: bigint }>;
    try {
      if (!(await admin.listTopics()).includes(topic)) throw new TopicNotFoundError(topic, 'not in Kafka');
      ranges = new Map();
      for (const w of await admin.fetchTopicOffsets(topic)) {
        const low = BigInt(w.low);
        const high = BigInt(w.high);
        if (high > low) ranges.set(w.partition, { start: high - TAIL > low ? high - TAIL : low, high });
      }
    } finally {
      await admin.disconnect().catch(() => {});
    }
    const tail = new Map<number, StoredRecord[]>();
    if (ranges.size === 0) return tail;
    const consumer = kafka.consumer({ groupId: `inlet-cdc-tail-${randomUUID()}` });
    const pending = new Set(ranges.keys());
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const finished = new Promise<void>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        void consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const range = ranges.get(batch.partition);
            if (!range) return;
            for (const m of batch.messages) {
              const offset = BigInt(m.offset);
              if (offset < range.start || offset >= range.high) continue;
              const list = tail.get(batch.partition) ?? [];
              list.push({
                topic,
                partition: batch.partition,
                offset: m.offset,
                key: m.key?.toString('utf8') ?? null,
                headers: {},
                timestamp: Number(m.timestamp),
                value: m.value === null ? null : m.value.toString('utf8'),
              });
              tail.set(batch.partition, list);
            }
            if (BigInt(batch.lastOffset()) >= range.high - 1n) pending.delete(batch.partition);
            if (pending.size === 0) resolve();
          },
        });
      });
      for (const [partition, { start }] of ranges) consumer.seek({ topic, partition, offset: String(start) });
      await finished;
    } finally {
      await consumer.disconnect().catch(() => {});
    }
    return tail;
  };
}

export function localLogTail(dataDir: string): ReadTopicTail {
  return async (topic, signal) => {
    const summary = (await describeLocalLog(dataDir)).find((t) => t.topic === topic);
    if (!summary) throw new TopicNotFoundError(topic, `not in the local log at ${dataDir}`);
    const records: StoredRecord[] = [];
    const from = Math.max(summary.startOffset, summary.nextOffset - Number(TAIL));
    for await (const r of readLocalTopic(dataDir, topic, { fromOffset: from, signal })) records.push(r);
    return records.length === 0 ? new Map() : new Map([[0, records]]);
  };
}

/**
 * The mark of each topic the collector writes, read with a deadline. A topic whose mark cannot be read
 * (missing, empty, timed out, ambiguous) gets none, and the reason is returned for the log.
 */
export async function readMarks(
  topics: readonly string[],
  read: ReadTopicTail,
  serverName: string,
  timeoutMs: number,
): Promise<{ marks: Map<string, StreamPosition>; reasons: Record<string, string> }> {
  const marks = new Map<string, StreamPosition>();
  const reasons: Record<string, string> = {};
  const signal = AbortSignal.timeout(timeoutMs);
  await Promise.all(
    [...new Set(topics)].map(async (topic) => {
      try {
        const timedOut = new Promise<never>((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
        );
        const result = topicMark(await Promise.race([read(topic, signal), timedOut]), serverName);
        if (result.mark) marks.set(topic, result.mark);
        else reasons[topic] = result.reason;
      } catch (error) {
        reasons[topic] = signal.aborted
          ? `no answer within ${timeoutMs} ms`
          : error instanceof Error
            ? error.message
            : String(error);
      }
    }),
  );
  return { marks, reasons };
}
