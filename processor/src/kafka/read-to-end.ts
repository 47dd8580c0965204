/**
 * Reads whole topics, read-committed, up to the end they had when the read started: how a task's
 * state is rebuilt from its compacted topics. kafkajs can only consume through a group, so this uses
 * a throwaway group that never commits. `onIdle` runs every second meanwhile: the main consumer's
 * heartbeat, so a long restore does not cost it its group membership (kafkajs #387).
 */
import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface ReadToEndOptions {
  /** Called every second while reading. */
  readonly onIdle?: () => Promise<void>;
  /** Fail when nothing arrives for this long, ms. Default 60 000 (an open transaction holds read-committed reads back until it ends). */
  readonly stallMs?: number;
}

export async function readToEnd(
  kafka: Kafka,
  topics: readonly string[],
  onRecord: (topic: string, partition: number, m: KafkaMessage) => void,
  options: ReadToEndOptions = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `inlet-processor-restore-${randomUUID()}`;
  const pending = new Map<string, bigint>();
  try {
    for (const topic of topics) {
      for (const w of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(w.high) > BigInt(w.low)) pending.set(`${topic}:${w.partition}`, BigInt(w.high));
      }
    }
    if (pending.size === 0) return;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, readUncommitted: false });
    let done: () => void = () => {};
    let failed: (e: unknown) => void = () => {};
    const finished = new Promise<void>((resolve, reject) => {
      done = resolve;
      failed = reject;
    });
    let lastProgress = Date.now();
    const stallMs = options.stallMs ?? 60_000;
    const tick = setInterval(() => {
      void options.onIdle?.().catch(() => {});
      if (Date.now() - lastProgress > stallMs) {
        failed(
          new Error(
            `restoring state from ${topics.join(', ')}: no progress for ${stallMs} ms; is the broker up?`,
          ),
        );
      }
    }, 1_000);
    tick.unref();
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) failed(payload.error);
    });
    const reached = (topic: string, partition: number, lastOffset: string) => {
      const key = `${topic}:${partition}`;
      const high = pending.get(key);
      lastProgress = Date.now();
      if (high !== undefined && BigInt(lastOffset) >= high - 1n) pending.delete(key);
      if (pending.size === 0) done();
    };
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) =>
      reached(payload.topic, payload.partition, payload.lastOffset),
    );
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const high = pending.get(`${batch.topic}:${batch.partition}`);
          for (const m of batch.messages) {
            if (high !== undefined && BigInt(m.offset) < high) onRecord(batch.topic, batch.partition, m);
          }
        },
      });
      await finished;
    } finally {
      clearInterval(tick);
      await consumer.disconnect().catch(() => {});
      await admin.deleteGroups([groupId]).catch(() => {});
    }
  } finally {
    await admin.disconnect();
  }
}
