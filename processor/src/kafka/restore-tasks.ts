/**
 * Rebuilding tasks after an assignment: first each new task's transactional producer initialises its
 * transactionalId, which fences a zombie holding the same id and aborts its open transaction; only then are the
 * committed offsets and the state topics read, so they include everything that was committed.
 */
import type { BookingStateRecord } from '@inlet/schemas';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { UserState } from '../core/entity-state';
import type { ResolvedCoreOptions } from '../core/options';
import { TaskProcessor, type TaskSnapshot } from '../core/task';
import { TASK_HEADER } from '../runtime/output-records';
import { readToEnd } from './read-to-end';

export interface HeldTask {
  readonly task: number;
  readonly processor: TaskProcessor;
  readonly producer: Producer;
  /** `topic:partition` → the next offset this task's state expects. */
  readonly positions: Map<string, bigint>;
}

export interface RestoreContext {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly groupId: string;
  readonly options: ResolvedCoreOptions;
  readonly changelogTopic: string;
  readonly stateTopics: readonly string[];
  readonly transactionTimeoutMs: number;
  readonly onIdle?: () => Promise<void>;
}

export const transactionalId = (groupId: string, task: number): string => `${groupId}-task-${task}`;
export const changelogKey = (task: number): string => `task-${task}`;

/** Producers connected (fencing), offsets and state read; one HeldTask per task. */
export async function restoreTasks(
  ctx: RestoreContext,
  tasks: readonly number[],
  partitionsByTopic: ReadonlyMap<string, readonly number[]>,
): Promise<HeldTask[]> {
  if (tasks.length === 0) return [];
  const producers = new Map<number, Producer>();
  try {
    await Promise.all(
      tasks.map(async (task) => {
        const producer = ctx.kafka.producer({
          transactionalId: transactionalId(ctx.groupId, task),
          idempotent: true,
          maxInFlightRequests: 1,
          transactionTimeout: ctx.transactionTimeoutMs,
        });
        await producer.connect();
        producers.set(task, producer);
        // kafkajs initialises the transactional id only at the first transaction(), not at connect():
        // do it now, so the zombie is fenced and its open transaction aborted before the state is read.
        const txn = await producer.transaction();
        await txn.abort();
      }),
    );
    const wanted = new Set(tasks);
    const positions = await startPositions(ctx, wanted, partitionsByTopic);
    const snapshots = new Map<number, TaskSnapshot>();
    const users = new Map<number, Map<string, UserState | null>>();
    const bookings = new Map<number, Map<string, BookingStateRecord | null>>();
    await readToEnd(
      ctx.kafka,
      [ctx.changelogTopic, ...ctx.stateTopics],
      (topic, _partition, m) => {
        const key = m.key?.toString('utf8') ?? '';
        if (topic === ctx.changelogTopic) {
          const task = Number(key.replace('task-', ''));
          if (wanted.has(task) && m.value !== null) snapshots.set(task, JSON.parse(m.value.toString('utf8')));
          return;
        }
        const header = m.headers?.[TASK_HEADER];
        const task = Number(header === undefined ? Number.NaN : header.toString());
        if (!wanted.has(task)) return;
        const value = m.value === null ? null : JSON.parse(m.value.toString('utf8'));
        const into = topic === ctx.stateTopics[0] ? users : bookings;
        const map = into.get(task) ?? new Map();
        into.set(task, map);
        map.set(key, value);
      },
      ctx.onIdle === undefined ? {} : { onIdle: ctx.onIdle },
    );
    return tasks.map((task) => {
      const processor = new TaskProcessor(task, ctx.options, snapshots.get(task));
      for (const [k, v] of users.get(task) ?? []) processor.restoreUser(k, v as UserState | null);
      for (const [k, v] of bookings.get(task) ?? []) processor.restoreBooking(k, v);
      return {
        task,
        processor,
        producer: producers.get(task) as Producer,
        positions: positions.get(task) ?? new Map(),
      };
    });
  } catch (error) {
    await Promise.allSettled([...producers.values()].map((p) => p.disconnect()));
    throw error;
  }
}

/** Per task: committed offset of each of its input partitions, or the earliest retained when none. */
async function startPositions(
  ctx: RestoreContext,
  tasks: ReadonlySet<number>,
  partitionsByTopic: ReadonlyMap<string, readonly number[]>,
): Promise<Map<number, Map<string, bigint>>> {
  const topics = [...partitionsByTopic.keys()];
  const committed = await ctx.admin.fetchOffsets({ groupId: ctx.groupId, topics });
  const out = new Map<number, Map<string, bigint>>();
  for (const { topic, partitions } of committed) {
    const low = new Map((await ctx.admin.fetchTopicOffsets(topic)).map((o) => [o.partition, BigInt(o.low)]));
    for (const { partition, offset } of partitions) {
      if (!tasks.has(partition)) continue;
      const earliest = low.get(partition) ?? 0n;
      const at = Number(offset) >= 0 && BigInt(offset) > earliest ? BigInt(offset) : earliest;
      const map = out.get(partition) ?? new Map<string, bigint>();
      out.set(partition, map);
      map.set(`${topic}:${partition}`, at);
    }
  }
  return out;
}
