/**
 * Tails Kafka topics with a throwaway consumer group (never commits, deleted on close), starting each
 * partition `backlog` records before its end. Read-committed, so aborted transactions never show.
 */

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '@inlet/schemas';
import type { Admin, Consumer } from 'kafkajs';
import { createKafkaClient, type KafkaClientOptions } from '../kafka/client';
import { toStored } from '../kafka/kafka-reader';
import type { Tail, TailOptions, TailStatus } from './tail';

export interface KafkaTailOptions extends TailOptions, KafkaClientOptions {
  /** Prefix of the throwaway consumer group id. Default `inlet-tail`. */
  readonly groupIdPrefix?: string;
  /** Wait before starting again after the consumer failed, in ms. Default 2 000. */
  readonly restartDelayMs?: number;
  /** Longest wait in `close()` for the consumer to leave its group, in ms. Default 5 000. */
  readonly closeTimeoutMs?: number;
}

/** Per partition of each topic: where to start so that at most `backlog` records come first. */
async function startOffsets(admin: Admin, topics: readonly string[], backlog: number) {
  const starts: { topic: string; partition: number; offset: string }[] = [];
  for (const topic of topics) {
    for (const w of await admin.fetchTopicOffsets(topic)) {
      const low = BigInt(w.low);
      const high = BigInt(w.high);
      const from = high - BigInt(backlog);
      starts.push({ topic, partition: w.partition, offset: String(from > low ? from : low) });
    }
  }
  return starts;
}

export function tailKafkaTopics(options: KafkaTailOptions): Tail {
  const { topics, onRecord, backlog = 100, restartDelayMs = 2_000, closeTimeoutMs = 5_000 } = options;
  const kafka = createKafkaClient({ clientId: 'inlet-tail', ...options });
  const abort = new AbortController();
  let following: string[] = [];
  let readable = false;
  let lastError: string | undefined;
  let consumer: Consumer | undefined;
  let groupId: string | undefined;

  const fail = (error: unknown) => {
    readable = false;
    lastError = errorMessage(error);
    options.onError?.(error);
  };

  let attempts = 0;

  async function once(): Promise<void> {
    attempts++;
    const admin = kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      following = topics.filter((t) => existing.has(t));
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length > 0) fail(new Error(`Kafka has no topic ${missing.join(', ')} yet`));
      // Topics being created (a broker just started): wait a few rounds for all, then follow what exists.
      if (following.length === 0 || (missing.length > 0 && attempts < 5)) return;
      const starts = await startOffsets(admin, following, backlog);
      groupId = `${options.groupIdPrefix ?? 'inlet-tail'}-${randomUUID()}`;
      const c = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
      consumer = c;
      const crashed = new Promise<void>((resolve) => {
        c.on(c.events.CRASH, ({ payload }) => {
          if (!payload.restart) {
            fail(payload.error);
            resolve();
          }
        });
      });
      await c.connect();
      await c.subscribe({ topics: [...following], fromBeginning: false });
      await c.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) onRecord(toStored(batch.topic, batch.partition, m, false));
        },
      });
      for (const s of starts) c.seek(s);
      readable = true;
      if (missing.length === 0) lastError = undefined;
      await Promise.race([
        crashed,
        new Promise((r) => abort.signal.addEventListener('abort', r, { once: true })),
      ]);
    } finally {
      await consumer?.disconnect().catch(() => {});
      if (groupId !== undefined) await admin.deleteGroups([groupId]).catch(() => {});
      consumer = undefined;
      groupId = undefined;
      await admin.disconnect().catch(() => {});
    }
  }

  const loop = (async () => {
    while (!abort.signal.aborted) {
      await once().catch(fail);
      if (abort.signal.aborted) return;
      // Topics missing or the consumer failed: try again (a broker still starting, topics being created).
      await sleep(restartDelayMs, undefined, { signal: abort.signal, ref: false }).catch(() => {});
    }
  })();

  return {
    status(): TailStatus {
      return { readable, following, ...(lastError === undefined ? {} : { lastError }) };
    },
    async close() {
      abort.abort();
      // A connect still retrying against a broker that went away must not hold the caller's shutdown.
      await Promise.race([loop, sleep(closeTimeoutMs, undefined, { ref: false })]);
    },
  };
}
