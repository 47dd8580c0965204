/**
 * Crash recovery of a topic's last segment. Appends are whole lines followed by an fsync, and sealed
 * segments were fsynced before the next one was created, so damage from a crash can only sit after the
 * last fsync of the last segment: a final line without its newline, or lines of garbage (unwritten
 * blocks read back as zeros on some filesystems). Everything from the first bad line on was never
 * acknowledged; it is cut away so the next append starts on a clean line boundary.
 */
import { open } from 'node:fs/promises';
import { decodeLine } from './format';
import { readLines } from './segment';

export interface TailRecovery {
  /** Offset the next record gets. */
  readonly nextOffset: number;
  /** Size of the segment after recovery. */
  readonly size: number;
  /** Timestamp of the segment's first good record, if any. */
  readonly firstTimestamp: number | undefined;
  /** Bytes cut from the end (0 when the tail was clean). */
  readonly truncatedBytes: number;
  /** Lines cut away, a final partial line included. */
  readonly droppedLines: number;
  /** Why the first dropped line was bad. */
  readonly reason?: string;
}

/** Scans a segment, validating every line, and truncates it after its last good record. */
export async function recoverSegment(path: string, topic: string, baseOffset: number): Promise<TailRecovery> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    let nextOffset = baseOffset;
    let goodEnd = 0;
    let firstTimestamp: number | undefined;
    let reason: string | undefined;
    let droppedLines = 0;
    let lastEnd = 0;
    for await (const line of readLines(handle)) {
      lastEnd = line.end;
      if (reason !== undefined) {
        droppedLines++;
        continue;
      }
      const decoded = decodeLine(line.text);
      if (typeof decoded === 'string') reason = decoded;
      else if (decoded.topic !== topic)
        reason = `record of topic "${decoded.topic}" in the log of "${topic}"`;
      else if (decoded.offset !== nextOffset)
        reason = `offset ${decoded.offset} where ${nextOffset} was expected`;
      if (reason !== undefined || typeof decoded === 'string') {
        droppedLines++;
        continue;
      }
      firstTimestamp ??= decoded.timestamp;
      nextOffset++;
      goodEnd = line.end;
    }
    if (lastEnd < size) {
      droppedLines++;
      reason ??= 'final line has no newline (write cut short)';
    }
    if (goodEnd < size) {
      await handle.truncate(goodEnd);
      await handle.sync();
    }
    return {
      nextOffset,
      size: goodEnd,
      firstTimestamp,
      truncatedBytes: size - goodEnd,
      droppedLines,
      ...(reason === undefined ? {} : { reason }),
    };
  } finally {
    await handle.close();
  }
}
