/**
 * One read-process-write transaction of a task: its outputs, its window-state snapshot and the input
 * offsets, committed together or not at all. The caller serialises transactions per producer (kafkajs
 * #430: concurrent transactions on one producer corrupt its state); a commit right after the previous
 * one can meet CONCURRENT_TRANSACTIONS while the broker still writes the markers (kafkajs #1068), so
 * those attempts are aborted and retried with a backoff.
 */
import { backoff } from '@inlet/schemas';
import type { Producer, TopicMessages } from 'kafkajs';

export interface TxnOffsets {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read (last processed + 1). */
  readonly offset: string;
}

export interface TxnContent {
  readonly messages: readonly TopicMessages[];
  readonly offsets: readonly TxnOffsets[];
  readonly groupId: string;
}

/** Errors after which the producer can never commit again: another instance took over the task. */
const FENCED = new Set([
  'PRODUCER_FENCED',
  'INVALID_PRODUCER_EPOCH',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);
const RETRY_NOW = new Set([
  'CONCURRENT_TRANSACTIONS',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'NOT_COORDINATOR',
  'COORDINATOR_NOT_AVAILABLE',
]);

export class TaskFencedError extends Error {
  override readonly name = 'TaskFencedError';
  constructor(
    readonly task: number,
    options?: ErrorOptions,
  ) {
    super(`task ${task}: this instance's producer was fenced (another instance holds the task now)`, options);
  }
}
export const isTaskFencedError = (e: unknown): e is TaskFencedError => e instanceof TaskFencedError;

const errorType = (e: unknown): string => {
  let cur: unknown = e;
  while (cur instanceof Error) {
    const type = (cur as { type?: unknown }).type;
    if (typeof type === 'string') return type;
    cur = (cur as { originalError?: unknown }).originalError ?? cur.cause;
  }
  return '';
};

export const isFencedError = (e: unknown): boolean =>
  FENCED.has(errorType(e)) || (e instanceof Error && /fenced/i.test(e.message));

export interface CommitHooks {
  readonly onAbort?: (error: unknown) => void;
  /** Attempts before giving up (coordinator errors get four times as many). Default 5. */
  readonly attempts?: number;
  /** Runs inside the transaction, after the sends and before the commit: a seam for fault injection. */
  readonly beforeCommit?: () => Promise<void>;
}

/** Runs the transaction; retries transient failures; throws TaskFencedError when fenced, else the last error. */
export async function commitTransaction(
  producer: Producer,
  task: number,
  content: TxnContent,
  hooks: CommitHooks = {},
): Promise<void> {
  const attempts = hooks.attempts ?? 5;
  for (let attempt = 0; ; attempt++) {
    const txn = await producer.transaction();
    try {
      if (content.messages.length > 0) await txn.sendBatch({ topicMessages: [...content.messages] });
      if (content.offsets.length > 0) {
        const byTopic = new Map<string, { partition: number; offset: string }[]>();
        for (const o of content.offsets) {
          const list = byTopic.get(o.topic) ?? [];
          list.push({ partition: o.partition, offset: o.offset });
          byTopic.set(o.topic, list);
        }
        await txn.sendOffsets({
          consumerGroupId: content.groupId,
          topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
        });
      }
      await hooks.beforeCommit?.();
      await txn.commit();
      return;
    } catch (error) {
      hooks.onAbort?.(error);
      if (txn.isActive()) await txn.abort().catch(() => {});
      if (isFencedError(error)) throw new TaskFencedError(task, { cause: error });
      // Coordinator churn and CONCURRENT_TRANSACTIONS clear up by themselves: give them more tries.
      const limit = RETRY_NOW.has(errorType(error)) ? attempts * 4 : attempts;
      if (attempt + 1 >= limit) throw error;
      const delay = backoff({ attempt: Math.min(attempt, 5), base: 100, cap: 2_000, random: Math.random });
      await new Promise((r) => setTimeout(r, delay).unref());
    }
  }
}
