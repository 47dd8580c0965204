/**
 * The local durable log: Inlet's sink when no Kafka is configured, and the gateway's spool. One
 * directory per topic, one partition (0) per topic, newline-delimited JSON segments, group commit.
 */

import { mkdir, readdir } from 'node:fs/promises';
import { errorMessage } from '@inlet/schemas';
import { SinkClosedError, SinkUnavailableError } from '../errors';
import { filterLogger, type LogLevel, type StreamLogger, stderrLogger } from '../logger';
import { assertRecords, assertTopicName, groupByTopic, isValidTopicName } from '../records';
import type { AppendResult, Sink, SinkHealth, SinkRecord, StoredRecord, TopicReader } from '../sink';
import { type DirLock, lockDir } from './lock';
import { type LocalReadOptions, parseOffset, readLocalTopic } from './reader';
import { logDir } from './segment';
import { TopicLog, type TopicUsage } from './topic-log';

export interface LocalLogOptions {
  /** Data directory; the log lives in `<dataDir>/log`. Default `./data`. */
  readonly dataDir?: string;
  /** Size at which a segment is sealed and a new one started, in bytes. Default 64 MiB. */
  readonly segmentBytes?: number;
  /** Where log entries go. Default: one JSON line on stderr. */
  readonly logger?: StreamLogger;
  /** Least severe level passed to `logger`. Default `warn`. */
  readonly logLevel?: LogLevel | 'silent';
}

/** What recovery cut from a topic's last segment when the log was opened. */
export interface RecoveryReport {
  readonly topic: string;
  readonly truncatedBytes: number;
  readonly droppedLines: number;
  readonly reason: string;
}

export interface TopicLogUsage extends TopicUsage {
  /** Age of the oldest stored record in ms (now − its timestamp), undefined when the topic is empty. */
  readonly oldestAgeMs: number | undefined;
}

const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;

export class LocalLog implements Sink, TopicReader {
  private readonly opening = new Map<string, Promise<TopicLog>>();
  private readonly open = new Map<string, TopicLog>();
  private readonly inflight = new Set<Promise<unknown>>();
  private closed = false;
  private lastError: { message: string; at: number } | undefined;

  private constructor(
    readonly dataDir: string,
    private readonly segmentBytes: number,
    private readonly logger: StreamLogger,
    private readonly lock: DirLock,
  ) {}

  /** Opens the log, taking its directory lock and recovering every topic's tail. */
  static async open(options: LocalLogOptions = {}): Promise<LocalLog> {
    const dataDir = options.dataDir ?? './data';
    const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    if (!Number.isSafeInteger(segmentBytes) || segmentBytes < 1) {
      throw new RangeError(`segmentBytes must be a positive integer, got ${segmentBytes}`);
    }
    const logger = filterLogger(options.logger ?? stderrLogger, options.logLevel ?? 'warn');
    await mkdir(logDir(dataDir), { recursive: true });
    const lock = await lockDir(logDir(dataDir));
    const log = new LocalLog(dataDir, segmentBytes, logger, lock);
    try {
      const entries = await readdir(logDir(dataDir), { withFileTypes: true });
      for (const entry of entries) {
        if (entry.isDirectory() && isValidTopicName(entry.name)) await log.topic(entry.name);
      }
    } catch (error) {
      await log.close();
      throw error;
    }
    for (const r of log.recoveries()) {
      logger({
        level: 'warn',
        namespace: 'local-log',
        message: 'cut a torn tail from a segment',
        fields: { ...r },
      });
    }
    return log;
  }

  append(records: readonly SinkRecord[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new SinkClosedError('local-log'));
    const task = this.appendNow(records);
    this.inflight.add(task);
    void task.then(
      () => this.inflight.delete(task),
      (error: unknown) => {
        this.inflight.delete(task);
        this.lastError = { message: errorMessage(error), at: Date.now() };
      },
    );
    return task;
  }

  ready(): boolean {
    return !this.closed && [...this.open.values()].every((t) => t.failure === undefined);
  }

  health(): SinkHealth {
    const state = this.closed ? 'closed' : this.ready() ? 'ready' : 'unavailable';
    return {
      kind: 'local-log',
      state,
      ready: state === 'ready',
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Reads to the last durable record at the time of the call, or on and on with `follow: true`. */
  readTopic(topic: string, options: LocalReadOptions = {}): AsyncIterable<StoredRecord> {
    const committed = this.open.get(topic)?.committedOffset;
    const until = options.follow || committed === undefined ? {} : { untilOffset: committed };
    return readLocalTopic(this.dataDir, topic, { ...until, ...options });
  }

  /** Topics with records or segments in this log, sorted by name. */
  topics(): string[] {
    return [...this.open.keys()].sort();
  }

  /** Disk usage and oldest record per topic: the gateway's spool quota and metrics. */
  usage(now = Date.now()): TopicLogUsage[] {
    return this.topics().flatMap((topic) => {
      const usage = this.open.get(topic)?.usage();
      if (usage === undefined) return [];
      const oldestAgeMs =
        usage.oldestTimestamp === undefined ? undefined : Math.max(0, now - usage.oldestTimestamp);
      return [{ ...usage, oldestAgeMs }];
    });
  }

  /** Bytes stored across all topics. */
  totalBytes(): number {
    return this.usage().reduce((sum, u) => sum + u.bytes, 0);
  }

  /**
   * Deletes the topic's segments whose records all sit below `offset` (call it once those records are
   * safe elsewhere, e.g. acknowledged by Kafka). Returns how many segments were deleted.
   */
  async deleteSegmentsBefore(topic: string, offset: number | string): Promise<number> {
    const log = this.open.get(topic);
    if (log === undefined) return 0;
    return log.deleteSegmentsBefore(parseOffset(offset));
  }

  /** Torn tails found and cut when the log was opened. */
  recoveries(): RecoveryReport[] {
    return [...this.open.values()].flatMap((t) => {
      const r = t.recovery;
      if (r === undefined || r.truncatedBytes === 0) return [];
      return [
        {
          topic: t.topic,
          truncatedBytes: r.truncatedBytes,
          droppedLines: r.droppedLines,
          reason: r.reason ?? '',
        },
      ];
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inflight]);
    await Promise.allSettled([...this.open.values()].map((t) => t.close()));
    await this.lock.release();
  }

  private async appendNow(records: readonly SinkRecord[]): Promise<AppendResult> {
    assertRecords(records, 'local-log');
    const groups = [...groupByTopic(records)];
    const positions = await Promise.all(
      groups.map(async ([topic, group]) => (await this.topic(topic)).append(group)),
    );
    return { count: records.length, positions };
  }

  private topic(topic: string): Promise<TopicLog> {
    let opening = this.opening.get(topic);
    if (opening === undefined) {
      assertTopicName(topic, 'local-log');
      opening = TopicLog.open(this.dataDir, topic, {
        segmentBytes: this.segmentBytes,
        logger: this.logger,
      }).then(
        (log) => {
          this.open.set(topic, log);
          return log;
        },
        (error: unknown) => {
          this.opening.delete(topic);
          const cause = error instanceof Error ? error : new Error(String(error));
          throw new SinkUnavailableError(
            `local log: cannot open topic "${topic}": ${cause.message}`,
            'local-log',
            {
              cause,
            },
          );
        },
      );
      this.opening.set(topic, opening);
    }
    return opening;
  }
}

/** Opens the local log in `options.dataDir` (see `LocalLog.open`). */
export const openLocalLog = (options?: LocalLogOptions): Promise<LocalLog> => LocalLog.open(options);
