/**
 * Drains the spool to Kafka: per topic, in spool offset order, in batches; a batch's spool segments
 * are deleted only after Kafka acknowledged it, and the position is kept in `ReplayPositions` so a
 * restart re-sends at most the batch that was in flight. A crash between Kafka's ack and the position
 * write re-sends that batch: at-least-once, the duplicates carrying the same `message-id` header.
 *
 * Kafka away: each pass fails, and the next waits with exponential backoff (timers unref'd). A record
 * Kafka refuses for good (too large, say) is moved to the spool topic `__quarantine.<topic>` with the
 * reason, so one bad record neither blocks the spool nor vanishes.
 */

import { errorMessage, exponentialDelay } from '@inlet/schemas';
import {
  isSinkRecordError,
  type LocalLog,
  type Sink,
  type SinkRecord,
  type StoredRecord,
  type StructuredLogger,
  type TopicLogUsage,
} from '@inlet/streams';
import type { ReplayPositions } from './replay-positions';

export const QUARANTINE_PREFIX = '__quarantine.';
export const QUARANTINE_REASON_HEADER = 'quarantine-reason';

export type SpoolLog = Pick<LocalLog, 'append' | 'readTopic' | 'usage' | 'deleteSegmentsBefore'>;

export interface ReplayerOptions {
  /** Most records per produce request. Default 1 000. */
  readonly batchRecords?: number;
  /** Most value bytes per produce request (under Kafka's default 1 MiB request limit). Default 512 KiB. */
  readonly batchBytes?: number;
  /** First wait after a failed pass, in ms; doubles up to `retryMaxMs`. Default 500. */
  readonly retryMinMs?: number;
  /** Longest wait between passes while Kafka fails, in ms. Default 10 000. */
  readonly retryMaxMs?: number;
  /**
   * How long `stop()` waits for the batch in flight, in ms. After it the batch is abandoned: not marked
   * replayed, so the next start sends it again (duplicates, never loss). Default 3 000.
   */
  readonly stopTimeoutMs?: number;
}

export interface ReplayerHooks {
  /** Called after a pass that left nothing to replay. */
  readonly onCaughtUp?: () => void;
  /** Called after a pass that failed (Kafka unavailable, most likely). */
  readonly onFailed?: (error: unknown) => void;
  readonly logger: StructuredLogger;
}

export interface ReplayStats {
  readonly replayed: number;
  readonly batches: number;
  readonly failedPasses: number;
  readonly quarantined: number;
}

const isReplayable = (topic: string): boolean => !topic.startsWith(QUARANTINE_PREFIX);
const bytesOf = (r: StoredRecord): number =>
  r.value === null ? 0 : typeof r.value === 'string' ? r.value.length : r.value.byteLength;
const toSinkRecord = (r: StoredRecord): SinkRecord => ({
  topic: r.topic,
  key: r.key,
  value: r.value,
  headers: r.headers,
  timestamp: r.timestamp,
});

export class Replayer {
  private readonly batchRecords: number;
  private readonly batchBytes: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly stopTimeoutMs: number;
  private abandoned = false;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private interrupt: (() => void) | undefined;
  private stats = { replayed: 0, batches: 0, failedPasses: 0, quarantined: 0 };

  constructor(
    private readonly spool: SpoolLog,
    private readonly kafka: Sink,
    private readonly positions: ReplayPositions,
    private readonly hooks: ReplayerHooks,
    options: ReplayerOptions = {},
  ) {
    this.batchRecords = options.batchRecords ?? 1_000;
    this.batchBytes = options.batchBytes ?? 512 * 1024;
    this.retryMinMs = options.retryMinMs ?? 500;
    this.retryMaxMs = options.retryMaxMs ?? 10_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 3_000;
  }

  /** Starts the background loop (once). Positions beyond a topic's end (spool wiped) restart at its start. */
  start(): void {
    for (const usage of this.spool.usage()) {
      const position = this.positions.get(usage.topic);
      if (position !== undefined && position > usage.nextOffset) {
        this.hooks.logger.warn(
          { topic: usage.topic, position, spoolEnd: usage.nextOffset },
          'replay position is past the end of the spool (was it deleted?); replaying the spool from its start',
        );
        this.positions.set(usage.topic, usage.startOffset);
      }
    }
    this.loop ??= this.run();
  }

  /** New records were spooled: replay them now instead of at the next retry. */
  wake(): void {
    this.woken = true;
    const wake = this.wakeUp;
    this.wakeUp = undefined;
    wake?.();
  }

  /** Records spooled but not yet acknowledged by Kafka. */
  pendingRecords(): number {
    return this.spool
      .usage()
      .filter((u) => isReplayable(u.topic))
      .reduce((n, u) => n + Math.max(0, u.nextOffset - this.from(u)), 0);
  }

  hasPending(): boolean {
    return this.spool.usage().some((u) => isReplayable(u.topic) && this.from(u) < u.nextOffset);
  }

  replayStats(): ReplayStats {
    return { ...this.stats };
  }

  /** Ends the loop after the batch in flight, waiting `stopTimeoutMs` at most for its acknowledgement. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt?.();
    this.wake();
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      (this.loop ?? Promise.resolve()).then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), this.stopTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!finished) {
      this.abandoned = true;
      this.hooks.logger.warn(
        {},
        'stopped waiting for a spool replay batch; it will be sent again on the next start',
      );
    }
  }

  private from(usage: TopicLogUsage): number {
    return Math.max(usage.startOffset, this.positions.get(usage.topic) ?? 0);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.woken = false;
      try {
        for (const usage of this.spool.usage()) {
          if (this.stopped) break;
          if (isReplayable(usage.topic) && this.from(usage) < usage.nextOffset) await this.drain(usage);
        }
        failures = 0;
      } catch (error) {
        failures++;
        this.stats.failedPasses++;
        const waitMs = exponentialDelay({
          attempt: failures - 1,
          base: this.retryMinMs,
          cap: this.retryMaxMs,
        });
        const fields = { err: error, pending: this.pendingRecords(), retryInMs: waitMs };
        if (failures === 1)
          this.hooks.logger.warn(fields, 'spool replay to Kafka failed; retrying with backoff');
        else this.hooks.logger.debug(fields, 'spool replay to Kafka failed again');
        this.hooks.onFailed?.(error);
        await this.pause(waitMs);
        continue;
      }
      if (this.stopped || this.hasPending()) continue;
      this.hooks.onCaughtUp?.();
      if (!this.woken) await new Promise<void>((resolve) => (this.wakeUp = resolve));
    }
  }

  private async drain(usage: TopicLogUsage): Promise<void> {
    let batch: StoredRecord[] = [];
    let bytes = 0;
    for await (const record of this.spool.readTopic(usage.topic, { fromOffset: this.from(usage) })) {
      batch.push(record);
      bytes += bytesOf(record);
      if (batch.length >= this.batchRecords || bytes >= this.batchBytes) {
        await this.send(usage.topic, batch);
        batch = [];
        bytes = 0;
        if (this.stopped) return;
      }
    }
    if (batch.length > 0) await this.send(usage.topic, batch);
  }

  private async send(topic: string, batch: readonly StoredRecord[]): Promise<void> {
    const last = batch.at(-1);
    if (last === undefined) return;
    try {
      await this.kafka.append(batch.map(toSinkRecord));
    } catch (error) {
      if (!isSinkRecordError(error)) throw error;
      await this.sendEach(topic, batch);
    }
    // `stop()` gave up on this batch and the spool may be closed: the next start sends it again.
    if (this.abandoned) return;
    const next = Number(last.offset) + 1;
    this.positions.set(topic, next);
    await this.positions.save();
    await this.spool.deleteSegmentsBefore(topic, next);
    this.stats.replayed += batch.length;
    this.stats.batches++;
  }

  /** One record at a time, to find the ones Kafka refuses for good and quarantine them. */
  private async sendEach(topic: string, batch: readonly StoredRecord[]): Promise<void> {
    for (const record of batch) {
      try {
        await this.kafka.append([toSinkRecord(record)]);
      } catch (error) {
        if (!isSinkRecordError(error)) throw error;
        const reason = errorMessage(error);
        await this.spool.append([
          {
            ...toSinkRecord(record),
            topic: `${QUARANTINE_PREFIX}${topic}`,
            headers: { ...record.headers, [QUARANTINE_REASON_HEADER]: reason },
          },
        ]);
        this.stats.quarantined++;
        this.hooks.logger.error(
          { topic, offset: record.offset, messageId: record.headers['message-id'], err: error },
          `Kafka refuses a spooled record for good; kept in the spool topic ${QUARANTINE_PREFIX}${topic}`,
        );
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.interrupt = done;
    });
  }
}
