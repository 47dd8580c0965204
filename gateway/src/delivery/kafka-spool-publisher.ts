/**
 * `--sink kafka`: Kafka first, the spool when Kafka cannot take the records in time.
 *
 * - direct mode: a coalesced batch goes to Kafka (idempotent, acks -1) and resolves `via: 'kafka'` on
 *   its ack. An error or no ack within `produceTimeoutMs` switches to spooling and the SAME records are
 *   appended to the spool and resolve `via: 'spool'` once fsynced. A late ack for a timed-out batch
 *   makes duplicates (one copy from the original send, one from the replay), never a loss: each record
 *   carries its `message-id` header for consumers to drop the second copy.
 * - spooling mode: every new batch goes to the spool, so nothing published after a spooled record can
 *   reach Kafka before it; the `Replayer` drains the spool in order. Once it has caught up and no spool
 *   write is in flight, new batches are held back for a moment, the last records drained, and the
 *   publisher returns to direct mode.
 * - spool at quota: `ok: false, reason: 'spool-full'` with a Retry-After; nothing is stored.
 */

import { errorMessage } from '@inlet/schemas';
import type { LocalLog, Sink, SinkRecord, StructuredLogger } from '@inlet/streams';
import { isSinkRecordError, SinkTimeoutError, silentLogger } from '@inlet/streams';
import { Coalescer } from './coalescer';
import { shuttingDown } from './local-publisher';
import type { Publisher, PublisherStatus, PublishResult } from './publisher';
import type { ReplayPositions } from './replay-positions';
import { Replayer, type ReplayerOptions, type ReplayStats } from './replayer';

export type SpoolStore = Pick<
  LocalLog,
  'append' | 'readTopic' | 'usage' | 'deleteSegmentsBefore' | 'totalBytes' | 'ready' | 'close'
>;

export interface KafkaSpoolPublisherOptions {
  /** Gather concurrent publishes this long into one produce request, in ms. Default 2. */
  readonly coalesceMs?: number;
  /** Kafka has this long to acknowledge a batch before it goes to the spool, in ms. Default 5 000. */
  readonly produceTimeoutMs?: number;
  /** Spool disk use at which publishes are refused with `spool-full`, in bytes. Default 1 GiB. */
  readonly spoolQuotaBytes?: number;
  /** Retry-After when the spool is full, in s. Default 30. */
  readonly spoolFullRetryAfterSeconds?: number;
  /** Longest wait in `close()` for the Kafka producer to finish and disconnect, in ms. Default 5 000. */
  readonly kafkaCloseTimeoutMs?: number;
  /** Longest hold of new publishes while the replayer drains the last spooled records, in ms. Default 1 000. */
  readonly switchBackHoldMs?: number;
  readonly replay?: ReplayerOptions;
  readonly logger?: StructuredLogger;
  /** Runs in `close()` after the replayer stopped and before the Kafka sink closes (other users of the sink stop here). */
  readonly beforeKafkaClose?: () => Promise<void>;
}

export interface KafkaSpoolStats extends ReplayStats {
  readonly mode: 'direct' | 'spooling';
  readonly sentToKafka: number;
  readonly spooled: number;
  /** Batches that timed out and were spooled, yet Kafka acknowledged later: their records exist twice. */
  readonly lateAckedRecords: number;
  readonly pendingReplay: number;
}

const VIA_KAFKA: PublishResult = { ok: true, via: 'kafka' };
const VIA_SPOOL: PublishResult = { ok: true, via: 'spool' };

export class KafkaSpoolPublisher implements Publisher {
  private readonly coalescer: Coalescer<PublishResult>;
  private readonly replayer: Replayer;
  private readonly produceTimeoutMs: number;
  private readonly quotaBytes: number;
  private readonly spoolFullRetryAfterSeconds: number;
  private readonly switchBackHoldMs: number;
  private readonly kafkaCloseTimeoutMs: number;
  private readonly logger: StructuredLogger;
  private readonly beforeKafkaClose: (() => Promise<void>) | undefined;
  private mode: 'direct' | 'spooling' = 'direct';
  private spoolWrites = 0;
  private hold: { promise: Promise<void>; release: () => void } | undefined;
  private closing: Promise<void> | undefined;
  private counts = { sentToKafka: 0, spooled: 0, lateAckedRecords: 0 };

  /** Takes ownership of `kafka` and `spool`: `close()` closes both. Call `start()` before publishing. */
  constructor(
    private readonly kafka: Sink,
    private readonly spool: SpoolStore,
    positions: ReplayPositions,
    options: KafkaSpoolPublisherOptions = {},
  ) {
    this.produceTimeoutMs = options.produceTimeoutMs ?? 5_000;
    this.quotaBytes = options.spoolQuotaBytes ?? 1024 ** 3;
    this.spoolFullRetryAfterSeconds = options.spoolFullRetryAfterSeconds ?? 30;
    this.switchBackHoldMs = options.switchBackHoldMs ?? 1_000;
    this.kafkaCloseTimeoutMs = options.kafkaCloseTimeoutMs ?? 5_000;
    this.logger = options.logger ?? silentLogger;
    this.beforeKafkaClose = options.beforeKafkaClose;
    this.coalescer = new Coalescer((records) => this.deliver(records), { windowMs: options.coalesceMs ?? 2 });
    this.replayer = new Replayer(
      spool,
      kafka,
      positions,
      {
        logger: this.logger,
        onCaughtUp: () => this.caughtUp(),
        onFailed: () => this.releaseHold(),
      },
      options.replay,
    );
  }

  /** Starts the replayer; a spool left over from the last run means starting in spooling mode. */
  start(): void {
    if (this.replayer.hasPending()) {
      this.mode = 'spooling';
      this.logger.info(
        { pending: this.replayer.pendingRecords() },
        'spool holds records from the last run; replaying them first',
      );
    }
    this.replayer.start();
  }

  publish(records: readonly SinkRecord[]): Promise<PublishResult> {
    if (this.closing) return Promise.resolve(shuttingDown());
    if (records.length === 0) return Promise.resolve(VIA_KAFKA);
    return this.coalescer.add(records);
  }

  status(): PublisherStatus {
    const bytes = this.spool.totalBytes();
    const oldest = this.replayer.hasPending()
      ? Math.max(0, ...this.spool.usage().map((u) => u.oldestAgeMs ?? 0))
      : null;
    const canStore = this.mode === 'direct' || (bytes < this.quotaBytes && this.spool.ready());
    return {
      ready: this.closing === undefined && canStore,
      sink: 'kafka',
      kafka: this.kafka.health().connection ?? 'disconnected',
      spool: { bytes, quotaBytes: this.quotaBytes, oldestAgeMs: oldest },
    };
  }

  stats(): KafkaSpoolStats {
    return {
      ...this.replayer.replayStats(),
      ...this.counts,
      mode: this.mode,
      pendingReplay: this.replayer.pendingRecords(),
    };
  }

  /** Refuses new publishes, settles those in flight (spooling them if Kafka is slow), stops the replayer, closes both sinks. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.coalescer.drain();
      this.releaseHold();
      await this.replayer.stop();
      await this.beforeKafkaClose?.().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'closing the Kafka sink users failed'),
      );
      await Promise.allSettled([this.closeKafka(), this.spool.close()]);
    })();
    return this.closing;
  }

  /** A producer stuck retrying an unreachable broker must not hold the shutdown: give up after a while. */
  private async closeKafka(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([
      this.kafka.close().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), this.kafkaCloseTimeoutMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    if (gaveUp)
      this.logger.warn(
        { timeoutMs: this.kafkaCloseTimeoutMs },
        'the Kafka producer did not close in time; leaving it',
      );
  }

  private async deliver(records: SinkRecord[]): Promise<PublishResult> {
    if (this.hold) await this.hold.promise;
    if (this.mode === 'direct') {
      const failure = await this.produce(records);
      if (failure === undefined) {
        this.counts.sentToKafka += records.length;
        return VIA_KAFKA;
      }
      if (this.mode === 'direct') {
        this.mode = 'spooling';
        this.logger.warn(
          { err: failure, refused: isSinkRecordError(failure) },
          'Kafka did not take a batch in time; spooling to disk until the spool is replayed',
        );
      }
    }
    return this.toSpool(records);
  }

  /** Sends to Kafka; resolves undefined on the ack, or the error (a `SinkTimeoutError` after `produceTimeoutMs`). */
  private produce(records: readonly SinkRecord[]): Promise<unknown> {
    return new Promise((resolve) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        resolve(
          new SinkTimeoutError(`no acknowledgement from Kafka within ${this.produceTimeoutMs} ms`, 'kafka'),
        );
      }, this.produceTimeoutMs);
      this.kafka.append(records).then(
        () => {
          clearTimeout(timer);
          if (!timedOut) resolve(undefined);
          else {
            this.counts.lateAckedRecords += records.length;
            this.logger.warn(
              { records: records.length },
              'Kafka acknowledged a batch after it timed out and was spooled: its records will reach Kafka twice (same message-id)',
            );
          }
        },
        (error: unknown) => {
          clearTimeout(timer);
          resolve(error);
        },
      );
    });
  }

  private async toSpool(records: readonly SinkRecord[]): Promise<PublishResult> {
    const bytes = this.spool.totalBytes();
    if (bytes >= this.quotaBytes) {
      return {
        ok: false,
        reason: 'spool-full',
        retryAfterSeconds: this.spoolFullRetryAfterSeconds,
        message: `Kafka is unavailable and the spool is full (${bytes} of ${this.quotaBytes} bytes); nothing was stored, retry later`,
      };
    }
    this.spoolWrites++;
    try {
      await this.spool.append(records);
      this.counts.spooled += records.length;
      return VIA_SPOOL;
    } catch (error) {
      this.logger.error({ err: error }, 'the spool cannot store events either');
      return {
        ok: false,
        reason: 'unavailable',
        retryAfterSeconds: 5,
        message: `neither Kafka nor the spool can store events right now: ${errorMessage(error)}`,
      };
    } finally {
      this.spoolWrites--;
      this.replayer.wake();
    }
  }

  /** The replayer found nothing left: go direct, or hold new batches while the last spool writes drain. */
  private caughtUp(): void {
    if (this.mode !== 'spooling') return;
    if (this.spoolWrites === 0 && !this.replayer.hasPending()) {
      this.mode = 'direct';
      this.releaseHold();
      this.logger.info(
        { replayed: this.replayer.replayStats().replayed },
        'spool replayed to Kafka; sending directly again',
      );
      return;
    }
    if (this.hold || this.closing) return;
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    // Not unref'd: publishes are waiting on it.
    const timer = setTimeout(() => this.releaseHold(), this.switchBackHoldMs);
    this.hold = {
      promise,
      release: () => {
        clearTimeout(timer);
        release();
      },
    };
  }

  private releaseHold(): void {
    const hold = this.hold;
    this.hold = undefined;
    hold?.release();
  }
}
