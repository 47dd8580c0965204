/**
 * Records per topic for the status line, read cheaply through `@inlet/streams`: Kafka's high
 * watermarks (one admin request per topic), or the local logs' last offsets (no full reads).
 */
import { DEFAULT_TOPIC_NAMES, TOPIC_KEYS } from '@inlet/schemas';
import { createKafkaClient, describeLocalLog, isLogNotFoundError } from '@inlet/streams';

/** The nine catalogue topics in catalogue order. */
export const TOPIC_NAMES: readonly string[] = TOPIC_KEYS.map((key) => DEFAULT_TOPIC_NAMES[key]);

export type TopicCounts = ReadonlyMap<string, number>;

export interface TopicCounter {
  /** Records per catalogue topic now (0 for a topic not created yet). */
  counts(): Promise<TopicCounts>;
  close(): Promise<void>;
}

const zeros = () => new Map(TOPIC_NAMES.map((topic) => [topic, 0]));

/** Sums the high watermarks of every partition. */
export function kafkaTopicCounter(brokers: readonly string[]): TopicCounter {
  const admin = createKafkaClient({ brokers, clientId: 'inlet-start-status', logLevel: 'silent' }).admin();
  let connected: Promise<void> | undefined;
  return {
    async counts() {
      connected ??= admin.connect();
      await connected;
      const counts = zeros();
      await Promise.all(
        TOPIC_NAMES.map(async (topic) => {
          const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
          counts.set(
            topic,
            offsets.reduce((sum, p) => sum + Number(p.high), 0),
          );
        }),
      );
      return counts;
    },
    async close() {
      if (connected) await admin.disconnect().catch(() => undefined);
    },
  };
}

/** Sums the topics of several local logs (each producer of `npm start` writes its own). */
export function localTopicCounter(dataDirs: readonly string[]): TopicCounter {
  return {
    async counts() {
      const counts = zeros();
      for (const dir of dataDirs) {
        const topics = await describeLocalLog(dir).catch((error: unknown) => {
          if (isLogNotFoundError(error)) return [];
          throw error;
        });
        for (const { topic, records } of topics) {
          if (counts.has(topic)) counts.set(topic, (counts.get(topic) ?? 0) + records);
        }
      }
      return counts;
    },
    async close() {},
  };
}
