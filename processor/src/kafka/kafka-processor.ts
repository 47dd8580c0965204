/**
 * Kafka mode: one consumer group over the input topics, tasks assigned by partition number, each
 * batch processed and committed in one Kafka transaction with its input offsets (read-committed
 * consumers see each batch's outputs whole or not at all). See the README for the guarantees.
 */
import { resolveTopicNames, type TopicNames } from '@inlet/schemas';
import { createKafkaClient, type StructuredLogger, silentLogger } from '@inlet/streams';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { InputRole } from '../core/input';
import { type ResolvedCoreOptions, resolveCoreOptions } from '../core/options';
import { inputRoles } from '../runtime/output-records';
import { addCounters, newStats, type ProcessorStats } from '../runtime/stats';
import type { KafkaProcessorOptions } from './kafka-options';
import { prepareTopics } from './prepare-topics';
import { type HeldTask, restoreTasks } from './restore-tasks';
import { taskAssigner } from './task-assigner';
import { transactionMessages } from './transaction-messages';
import { commitTransaction, isTaskFencedError, type TxnOffsets } from './transactions';

export class KafkaProcessor {
  readonly stats: ProcessorStats = newStats();
  readonly topics: TopicNames;
  readonly changelogTopic: string;
  private readonly core: ResolvedCoreOptions;
  private readonly groupId: string;
  private readonly kafka: Kafka;
  private readonly log: StructuredLogger;
  private readonly roles: Map<string, InputRole>;
  private admin: Admin | undefined;
  private consumer: Consumer | undefined;
  private readonly tasks = new Map<number, HeldTask>();
  private partitionCount = new Map<string, number>();
  private assigned = new Map<string, number[]>();
  /** Restores run one after the other; batches wait for the latest. */
  private restoring: Promise<void> = Promise.resolve();
  /** One transaction at a time per producer (kafkajs #430): everything that touches tasks goes through here. */
  private serial: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Bumped on every group join: a fenced task is taken back only if no rebalance came since. */
  private generation = 0;

  constructor(private readonly options: KafkaProcessorOptions) {
    this.core = resolveCoreOptions(options);
    this.groupId = options.groupId ?? 'inlet-processor';
    this.topics = resolveTopicNames(options.topics);
    this.changelogTopic = `${this.groupId}-task-state`;
    this.log = options.log ?? silentLogger;
    this.roles = inputRoles(this.topics);
    this.kafka = createKafkaClient({
      brokers: options.brokers,
      clientId: this.groupId,
      ...(options.streamLogger === undefined ? {} : { logger: options.streamLogger }),
    });
  }

  async start(): Promise<void> {
    const admin = this.kafka.admin();
    this.admin = admin;
    await admin.connect();
    const inputs = [...this.roles.keys()];
    this.partitionCount = await prepareTopics(admin, this.topics, inputs, this.changelogTopic);
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      partitionAssigners: [taskAssigner],
      readUncommitted: false,
      // A killed instance's tasks move after this long without its heartbeats.
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      rebalanceTimeout: 60_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 200,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.generation += 1;
      this.assigned = new Map(Object.entries(payload.memberAssignment).map(([t, ps]) => [t, [...ps]]));
      this.restoring = this.restoring
        .then(() => this.onAssignment())
        .catch((error: unknown) => this.fail(error));
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.stopped) this.options.onFatal?.(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: inputs, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.idleTimer = setInterval(() => void this.idleTick(), 1_000);
    this.idleTimer.unref();
  }

  /** Tasks this instance holds now. */
  heldTasks(): number[] {
    return [...this.tasks.keys()].sort((a, b) => a - b);
  }

  /** Finishes the batch in flight (committing it), leaves the group and closes connections. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.idleTimer);
    await this.consumer?.stop().catch(() => {});
    await this.serial.catch(() => {});
    await this.consumer?.disconnect().catch(() => {});
    await Promise.allSettled([...this.tasks.values()].map((t) => t.producer.disconnect()));
    this.tasks.clear();
    await this.admin?.disconnect().catch(() => {});
  }

  /** A failed restore is retried after a second, for as long as the instance runs. */
  private fail(error: unknown): void {
    if (this.stopped) return;
    this.log.error({ err: error }, 'restoring task state failed; retrying in 1 s');
    this.restoring = this.restoring
      .then(() => new Promise((r) => setTimeout(r, 1_000).unref()))
      .then(() => (this.stopped ? undefined : this.onAssignment()))
      .catch((e: unknown) => this.fail(e));
  }

  private async onAssignment(): Promise<void> {
    const want = new Set([...this.assigned.values()].flat());
    await this.run(async () => {
      for (const [task, held] of this.tasks) {
        if (want.has(task)) continue;
        this.tasks.delete(task);
        await held.producer.disconnect().catch(() => {});
      }
    });
    await this.restore([...want].filter((t) => !this.tasks.has(t)));
    if (!this.stats.ready) {
      this.stats.ready = true;
      this.options.onReady?.();
    }
  }

  private async restore(tasks: number[]): Promise<void> {
    if (tasks.length === 0 || this.admin === undefined) return;
    const partitions = new Map<string, number[]>();
    for (const [topic, ps] of this.assigned)
      partitions.set(
        topic,
        ps.filter((p) => tasks.includes(p)),
      );
    const held = await restoreTasks(
      {
        kafka: this.kafka,
        admin: this.admin,
        groupId: this.groupId,
        options: this.core,
        changelogTopic: this.changelogTopic,
        stateTopics: [this.topics.userState, this.topics.bookingState],
        transactionTimeoutMs: this.options.transactionTimeoutMs ?? 60_000,
      },
      tasks,
      partitions,
    );
    for (const h of held) {
      this.tasks.set(h.task, h);
      for (const [tp, offset] of h.positions) {
        const [topic = '', partition = ''] = tp.split(/:(?=\d+$)/);
        this.consumer?.seek({ topic, partition: Number(partition), offset: offset.toString() });
      }
    }
    this.log.info({ tasks }, 'tasks restored');
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.serial.then(fn, fn);
    this.serial = next.catch(() => {});
    return next;
  }

  private async onBatch({
    batch,
    heartbeat,
    isRunning,
    isStale,
    resolveOffset,
  }: EachBatchPayload): Promise<void> {
    await this.waitRestored(heartbeat);
    if (!isRunning() || isStale()) return;
    await this.run(async () => {
      const held = this.tasks.get(batch.partition);
      const role = this.roles.get(batch.topic);
      if (held === undefined || role === undefined) return;
      const tp = `${batch.topic}:${batch.partition}`;
      const expected = held.positions.get(tp);
      // kafkajs's Batch has fetchedOffset at runtime; its typings leave it out.
      if (
        expected !== undefined &&
        BigInt((batch as unknown as { fetchedOffset: string }).fetchedOffset) > expected
      ) {
        // kafkajs moved past what this task's state has seen (a failed commit): go back.
        this.consumer?.seek({ topic: batch.topic, partition: batch.partition, offset: expected.toString() });
        return;
      }
      const fresh = batch.messages.filter((m) => expected === undefined || BigInt(m.offset) >= expected);
      const next = BigInt(batch.lastOffset()) + 1n;
      this.stats.lag.set(tp, Number(batch.offsetLag()));
      if (fresh.length === 0) {
        resolveOffset(batch.lastOffset());
        return;
      }
      const p = held.processor;
      const before = { ...p.counters };
      for (const m of fresh) {
        p.process({
          role,
          record: {
            topic: batch.topic,
            key: m.key?.toString('utf8') ?? null,
            value: m.value?.toString('utf8') ?? null,
          },
        });
      }
      const ok = await this.commit(held, [
        { topic: batch.topic, partition: batch.partition, offset: next.toString() },
      ]);
      if (!ok) return;
      this.stats.recordsIn += fresh.length;
      addCounters(this.stats, p.counters, before);
      held.positions.set(tp, next);
      resolveOffset(batch.lastOffset());
    });
  }

  /** Drains the task's outputs into one transaction with `offsets`; false (and the task rebuilt) when it failed. */
  private async commit(held: HeldTask, offsets: readonly TxnOffsets[]): Promise<boolean> {
    const outputs = held.processor.drain();
    const messages = transactionMessages(held, outputs, {
      topics: this.topics,
      changelogTopic: this.changelogTopic,
      partitionCount: this.partitionCount,
    });
    try {
      await commitTransaction(
        held.producer,
        held.task,
        {
          messages,
          offsets,
          groupId: this.groupId,
        },
        {
          onAbort: () => (this.stats.aborts += 1),
          ...(this.options.beforeCommit === undefined
            ? {}
            : { beforeCommit: () => this.options.beforeCommit?.(held.task) ?? Promise.resolve() }),
        },
      );
      this.stats.commits += 1;
      this.stats.outputs += outputs.length;
      this.stats.watermark = this.minWatermark();
      return true;
    } catch (error) {
      this.tasks.delete(held.task);
      await held.producer.disconnect().catch(() => {});
      if (isTaskFencedError(error)) {
        this.log.warn({ task: held.task }, 'fenced: another instance holds this task now; dropping it');
        this.retakeIfStillOurs(held.task);
        return false;
      }
      // Its in-memory state ran ahead of what was committed: rebuild it from the committed state and seek back.
      this.log.warn(
        { task: held.task, err: error },
        'transaction failed; restoring the task from its committed state',
      );
      this.restoring = this.restoring
        .then(() => this.restore([held.task]))
        .catch((e: unknown) => this.fail(e));
      return false;
    }
  }

  /**
   * Fenced without a rebalance following (the broker aborted a transaction past its timeout, which
   * also bumps the epoch): after a session timeout, a task still assigned here is rebuilt.
   */
  private retakeIfStillOurs(task: number): void {
    const generation = this.generation;
    const timer = setTimeout(
      () => {
        const assigned = [...this.assigned.values()].some((ps) => ps.includes(task));
        if (this.stopped || generation !== this.generation || !assigned || this.tasks.has(task)) return;
        this.restoring = this.restoring.then(() => this.restore([task])).catch((e: unknown) => this.fail(e));
      },
      (this.options.sessionTimeoutMs ?? 10_000) + 1_000,
    );
    timer.unref();
  }

  private async waitRestored(heartbeat: () => Promise<void>): Promise<void> {
    for (;;) {
      const current = this.restoring;
      let timer: NodeJS.Timeout | undefined;
      const beat = new Promise<void>((r) => {
        timer = setTimeout(r, 1_000);
      });
      const done = await Promise.race([current.then(() => true), beat.then(() => false)]);
      clearTimeout(timer);
      if (done && current === this.restoring) return;
      await heartbeat().catch(() => {});
    }
  }

  private async idleTick(): Promise<void> {
    if (this.stopped) return;
    await this.run(async () => {
      const now = Date.now();
      for (const held of [...this.tasks.values()]) {
        const before = { ...held.processor.counters };
        if (!held.processor.advanceIdle(now) || !held.processor.hasPendingOutput()) continue;
        if (await this.commit(held, [])) addCounters(this.stats, held.processor.counters, before);
      }
    });
  }

  private minWatermark(): number | null {
    const marks = [...this.tasks.values()]
      .map((t) => t.processor.currentWatermark)
      .filter((w): w is number => w !== null);
    return marks.length === 0 ? null : Math.min(...marks);
  }
}
