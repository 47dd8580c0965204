/**
 * Reads a topic of the local log straight from its files, so it works in another process than the
 * writer (the CLI, the audit) as well as in the same one. It only ever yields complete, valid lines.
 */
import { open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { LogCorruptError, TopicNotFoundError } from '../errors';
import type { ReadOptions, StoredRecord } from '../sink';
import { decodeLine, toStoredRecord } from './format';
import { isErrno, listSegments, readLines, type SegmentFile, topicDir } from './segment';

export interface LocalReadOptions extends ReadOptions {
  /** Keep waiting for new records at the end instead of ending (until `signal` aborts). Default false. */
  readonly follow?: boolean;
  /** How often follow mode looks for new records, in ms. Default 200. */
  readonly pollMs?: number;
  /** Stop before this offset. Default: wherever the files end. */
  readonly untilOffset?: number;
}

/** Parses an offset given as a number or a decimal string. */
export function parseOffset(value: string | number, what = 'offset'): number {
  const n = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

export async function* readLocalTopic(
  dataDir: string,
  topic: string,
  options: LocalReadOptions = {},
): AsyncGenerator<StoredRecord> {
  const dir = topicDir(dataDir, topic);
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new TopicNotFoundError(topic, `the local log has no directory ${dir}`);
  const { signal, follow = false, pollMs = 200 } = options;
  const until = options.untilOffset ?? Number.POSITIVE_INFINITY;
  let next = options.fromOffset === undefined ? 0 : parseOffset(options.fromOffset, 'fromOffset');
  // Where the previous pass stopped, so follow mode re-reads only what was appended since.
  let cursor: { base: number; byte: number } | undefined;

  while (next < until && !signal?.aborted) {
    const segments = await listSegments(dir).catch((error: unknown): SegmentFile[] => {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    });
    // Records below the first segment were deleted (spool replayed): carry on from what is left.
    const firstBase = segments[0]?.baseOffset ?? 0;
    if (next < firstBase) next = firstBase;
    for (
      let i = Math.max(
        0,
        segments.findLastIndex((s) => s.baseOffset <= next),
      );
      i < segments.length;
      i++
    ) {
      const segment = segments[i];
      if (segment === undefined) break;
      const sealed = i < segments.length - 1;
      const from = cursor?.base === segment.baseOffset ? cursor.byte : 0;
      const handle = await open(segment.path, 'r').catch((error: unknown) => {
        if (isErrno(error, 'ENOENT')) return undefined; // deleted under us: list again
        throw error;
      });
      if (handle === undefined) break;
      let stalled = false;
      try {
        let byte = from;
        for await (const line of readLines(handle, from)) {
          const decoded = decodeLine(line.text);
          if (typeof decoded === 'string') {
            if (sealed) throw new LogCorruptError(segment.path, line.start, decoded);
            // A crash tail the writer has not recovered yet: it truncates it when it next opens the log.
            stalled = true;
            break;
          }
          if (decoded.offset >= until) return;
          byte = line.end;
          if (decoded.offset < next) continue;
          next = decoded.offset + 1;
          yield toStoredRecord(decoded);
          if (signal?.aborted) return;
        }
        cursor = { base: segment.baseOffset, byte };
      } finally {
        await handle.close();
      }
      if (stalled) break;
    }
    if (!follow) return;
    try {
      await sleep(pollMs, undefined, signal ? { signal } : {});
    } catch {
      return; // aborted
    }
  }
}
