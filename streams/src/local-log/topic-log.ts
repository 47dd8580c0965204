/**
 * One topic of the local log: its segments, the active file and group commit. Appends queue up while a
 * write + fsync is in flight, and the next write takes the whole queue, so N concurrent callers cost
 * one write and one fsync, and each resolves after the fsync that covers its records.
 */
import { type FileHandle, mkdir, open, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SinkUnavailableError } from '../errors';
import type { StreamLogger } from '../logger';
import type { AppendPosition, SinkRecord } from '../sink';
import { decodeLine, encodeLine, LOCAL_PARTITION } from './format';
import { recoverSegment, type TailRecovery } from './recovery';
import { firstLine, fsyncDir, listSegments, logDir, segmentName, topicDir } from './segment';

interface Segment {
  readonly baseOffset: number;
  readonly path: string;
  size: number;
}

interface Pending {
  readonly records: readonly SinkRecord[];
  readonly resolve: (position: AppendPosition) => void;
  readonly reject: (error: unknown) => void;
}

export interface TopicUsage {
  readonly topic: string;
  readonly segments: number;
  readonly bytes: number;
  /** First offset still stored. */
  readonly startOffset: number;
  /** Offset of the next record; every offset below it is durable. */
  readonly nextOffset: number;
  readonly records: number;
  /** Timestamp of the oldest stored record, undefined when the topic is empty. */
  readonly oldestTimestamp: number | undefined;
  /** Appends and the fsyncs that made them durable since the log was opened (group commit at work). */
  readonly appends: number;
  readonly fsyncs: number;
}

export interface TopicLogSettings {
  readonly segmentBytes: number;
  readonly logger: StreamLogger;
}

export class TopicLog {
  /** Every offset below this is written and fsynced: what readers may read. */
  committedOffset: number;
  /** Set when a write or fsync failed: the file's tail is unknown until the log is reopened and recovered. */
  failure: Error | undefined;
  private nextOffset: number;
  private queue: Pending[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private appends = 0;
  private fsyncs = 0;

  private constructor(
    readonly topic: string,
    private readonly dir: string,
    private readonly segments: Segment[],
    private handle: FileHandle,
    private oldestTimestamp: number | undefined,
    readonly recovery: TailRecovery | undefined,
    private readonly settings: TopicLogSettings,
  ) {
    this.nextOffset = recovery?.nextOffset ?? this.active.baseOffset;
    this.committedOffset = this.nextOffset;
  }

  /** Opens (creating, or recovering the last segment of) a topic's log. */
  static async open(dataDir: string, topic: string, settings: TopicLogSettings): Promise<TopicLog> {
    const dir = topicDir(dataDir, topic);
    if ((await mkdir(dir, { recursive: true })) !== undefined) await fsyncDir(logDir(dataDir));
    const files = await listSegments(dir);
    const last = files.at(-1);
    if (last === undefined) {
      const path = join(dir, segmentName(0));
      const handle = await open(path, 'a');
      await fsyncDir(dir);
      return new TopicLog(
        topic,
        dir,
        [{ baseOffset: 0, path, size: 0 }],
        handle,
        undefined,
        undefined,
        settings,
      );
    }
    const recovery = await recoverSegment(last.path, topic, last.baseOffset);
    const segments: Segment[] = [];
    for (const file of files.slice(0, -1)) segments.push({ ...file, size: (await stat(file.path)).size });
    segments.push({ ...last, size: recovery.size });
    const oldest = files.length === 1 ? recovery.firstTimestamp : await readTimestamp(files[0]?.path);
    const handle = await open(last.path, 'a');
    return new TopicLog(topic, dir, segments, handle, oldest, recovery, settings);
  }

  append(records: readonly SinkRecord[]): Promise<AppendPosition> {
    return new Promise((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      void this.serial(async () => {
        this.scheduled = false;
        await this.write(this.queue.splice(0));
      });
    });
  }

  /**
   * Deletes the segments whose records all sit below `offset`. When every stored record is below it, the
   * active segment is sealed first so it can go too. Returns how many segments were deleted.
   */
  deleteSegmentsBefore(offset: number): Promise<number> {
    return this.serial(async () => {
      if (offset >= this.nextOffset && this.active.size > 0 && this.failure === undefined) {
        await this.roll(this.nextOffset);
      }
      let deleted = 0;
      for (
        let next = this.segments[1];
        next !== undefined && next.baseOffset <= offset;
        next = this.segments[1]
      ) {
        const [gone] = this.segments.splice(0, 1);
        if (gone) await unlink(gone.path);
        deleted++;
      }
      if (deleted > 0) {
        await fsyncDir(this.dir);
        this.oldestTimestamp = await readTimestamp(this.segments[0]?.path);
      }
      return deleted;
    });
  }

  usage(): TopicUsage {
    const startOffset = this.segments[0]?.baseOffset ?? 0;
    return {
      topic: this.topic,
      segments: this.segments.length,
      bytes: this.segments.reduce((sum, s) => sum + s.size, 0),
      startOffset,
      nextOffset: this.committedOffset,
      records: this.committedOffset - startOffset,
      oldestTimestamp: this.committedOffset > startOffset ? this.oldestTimestamp : undefined,
      appends: this.appends,
      fsyncs: this.fsyncs,
    };
  }

  /** Finishes queued appends, then closes the active file. */
  close(): Promise<void> {
    return this.serial(() => this.handle.close());
  }

  private get active(): Segment {
    const segment = this.segments.at(-1);
    if (segment === undefined) throw new Error('invariant: a topic log always has an active segment');
    return segment;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.chain.then(task);
    this.chain = result.then(
      () => {},
      () => {},
    );
    return result;
  }

  private async write(batch: readonly Pending[]): Promise<void> {
    if (this.failure !== undefined) {
      for (const p of batch) p.reject(this.unavailable(this.failure));
      return;
    }
    const done: [Pending, AppendPosition][] = [];
    try {
      const now = Date.now();
      let parts: string[] = [];
      let bytes = 0;
      for (const pending of batch) {
        const base = this.nextOffset;
        let text = '';
        for (const record of pending.records) text += encodeLine(record, this.nextOffset++, now);
        const size = Buffer.byteLength(text);
        const filled = this.active.size + bytes;
        // A caller's records stay together in one segment; a segment outgrows the limit only by one append.
        if (filled > 0 && filled + size > this.settings.segmentBytes) {
          await this.flush(parts, bytes, base);
          await this.roll(base);
          parts = [];
          bytes = 0;
        }
        parts.push(text);
        bytes += size;
        if (this.oldestTimestamp === undefined) this.oldestTimestamp = pending.records[0]?.timestamp ?? now;
        const lastOffset = String(this.nextOffset - 1);
        done.push([
          pending,
          { topic: this.topic, partition: LOCAL_PARTITION, baseOffset: String(base), lastOffset },
        ]);
      }
      await this.flush(parts, bytes, this.nextOffset);
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.settings.logger({
        level: 'error',
        namespace: 'local-log',
        message: `writing topic "${this.topic}" failed; its appends are refused until the log is reopened`,
        fields: { err: this.failure },
      });
      for (const p of batch) p.reject(this.unavailable(this.failure));
      return;
    }
    this.appends += done.length;
    for (const [pending, position] of done) pending.resolve(position);
  }

  /** Writes whole lines and fsyncs them; then every offset below `upTo` is durable. */
  private async flush(parts: readonly string[], bytes: number, upTo: number): Promise<void> {
    if (bytes > 0) {
      const data = Buffer.from(parts.join(''));
      for (let written = 0; written < data.length; ) {
        written += (await this.handle.write(data, written)).bytesWritten;
      }
      // datasync also flushes the new file size, which reading the data back needs.
      await this.handle.datasync();
      this.fsyncs++;
      this.active.size += bytes;
    }
    this.committedOffset = upTo;
  }

  /** Seals the active segment (already fsynced) and starts a new one at `baseOffset`. */
  private async roll(baseOffset: number): Promise<void> {
    const path = join(this.dir, segmentName(baseOffset));
    const handle = await open(path, 'a');
    await fsyncDir(this.dir);
    await this.handle.close();
    this.handle = handle;
    this.segments.push({ baseOffset, path, size: 0 });
  }

  private unavailable(cause: Error): SinkUnavailableError {
    return new SinkUnavailableError(
      `local log: topic "${this.topic}" failed to write (${cause.message}); reopen the log to recover it`,
      'local-log',
      { cause },
    );
  }
}

async function readTimestamp(path: string | undefined): Promise<number | undefined> {
  const text = path === undefined ? undefined : await firstLine(path);
  if (text === undefined) return undefined;
  const line = decodeLine(text);
  return typeof line === 'string' ? undefined : line.timestamp;
}
