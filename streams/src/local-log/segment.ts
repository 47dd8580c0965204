/** Segment files: `<dataDir>/log/<topic>/<baseOffset, 20 digits>.log`, and the byte-level line scanning they share. */
import { type FileHandle, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const SEGMENT_FILE = /^(\d{20})\.log$/;
const CHUNK_BYTES = 1 << 20;

export interface SegmentFile {
  /** Offset of the segment's first record (of the next record to be written, while it is empty). */
  readonly baseOffset: number;
  readonly path: string;
}

export const logDir = (dataDir: string): string => join(dataDir, 'log');
export const topicDir = (dataDir: string, topic: string): string => join(logDir(dataDir), topic);
export const segmentName = (baseOffset: number): string => `${String(baseOffset).padStart(20, '0')}.log`;

export const isErrno = (error: unknown, ...codes: string[]): boolean =>
  error instanceof Error && codes.includes((error as NodeJS.ErrnoException).code ?? '');

/** Segments of a topic directory, oldest first. */
export async function listSegments(dir: string): Promise<SegmentFile[]> {
  const names = await readdir(dir);
  return names
    .flatMap((name) => {
      const match = SEGMENT_FILE.exec(name);
      return match?.[1] === undefined ? [] : [{ baseOffset: Number(match[1]), path: join(dir, name) }];
    })
    .sort((a, b) => a.baseOffset - b.baseOffset);
}

/**
 * Makes a directory entry durable (a new segment or topic directory survives a power cut only once its
 * parent directory is synced). Platforms that cannot sync a directory are tolerated.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!isErrno(error, 'EISDIR', 'EINVAL', 'EPERM', 'EBADF')) throw error;
  } finally {
    await handle?.close();
  }
}

export interface Line {
  readonly text: string;
  /** Byte offset of the line's first byte. */
  readonly start: number;
  /** Byte offset just past its newline. */
  readonly end: number;
}

/**
 * Complete (newline-terminated) lines of a file from byte `from` to its current end. A final line with
 * no newline is not yielded: the caller compares the last `end` with the file size to see it.
 */
export async function* readLines(handle: FileHandle, from = 0): AsyncGenerator<Line> {
  let carry: Buffer = Buffer.alloc(0);
  let carryStart = from;
  let position = from;
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    const data =
      carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    let lineStart = 0;
    for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10, lineStart)) {
      yield {
        text: data.toString('utf8', lineStart, nl),
        start: carryStart + lineStart,
        end: carryStart + nl + 1,
      };
      lineStart = nl + 1;
    }
    // Copy: `chunk` is reused by the next read.
    carry = Buffer.from(data.subarray(lineStart));
    carryStart += lineStart;
  }
}

/** The first complete line of a file, or undefined when it has none. */
export async function firstLine(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    for await (const line of readLines(handle)) return line.text;
    return undefined;
  } finally {
    await handle.close();
  }
}

/** The last complete line of a file (reading backwards from its end), or undefined when it has none. */
export async function lastLine(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    let tail = Buffer.alloc(0);
    let position = size;
    while (position > 0) {
      const length = Math.min(CHUNK_BYTES, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      await handle.read(chunk, 0, length, position);
      tail = Buffer.concat([chunk, tail]);
      const lastNl = tail.lastIndexOf(10);
      if (lastNl === -1) continue;
      const prevNl = lastNl === 0 ? -1 : tail.lastIndexOf(10, lastNl - 1);
      if (prevNl !== -1 || position === 0) return tail.toString('utf8', prevNl + 1, lastNl);
    }
    return undefined;
  } finally {
    await handle.close();
  }
}
