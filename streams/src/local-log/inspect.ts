/** A read-only summary of a local log on disk (no lock, no recovery): what `inlet-log topics` prints. */
import { open, readdir, stat } from 'node:fs/promises';
import { LogNotFoundError } from '../errors';
import { isValidTopicName } from '../records';
import { decodeLine, type LogLine } from './format';
import { firstLine, lastLine, listSegments, logDir, readLines, topicDir } from './segment';

export interface TopicSummary {
  readonly topic: string;
  readonly records: number;
  readonly bytes: number;
  readonly segments: number;
  readonly startOffset: number;
  readonly nextOffset: number;
  /** Timestamp of the oldest record, undefined when the topic is empty. */
  readonly oldestTimestamp: number | undefined;
}

const decoded = (text: string | undefined): LogLine | undefined => {
  const line = text === undefined ? undefined : decodeLine(text);
  return typeof line === 'object' ? line : undefined;
};

/** Last valid record of a segment; scans forward when the file ends in an unrecovered crash tail. */
async function lastRecord(path: string): Promise<LogLine | undefined> {
  const fast = decoded(await lastLine(path));
  if (fast !== undefined) return fast;
  const handle = await open(path, 'r');
  try {
    let last: LogLine | undefined;
    for await (const line of readLines(handle)) {
      const record = decoded(line.text);
      if (record === undefined) break;
      last = record;
    }
    return last;
  } finally {
    await handle.close();
  }
}

export async function describeTopic(dataDir: string, topic: string): Promise<TopicSummary> {
  const segments = await listSegments(topicDir(dataDir, topic));
  const first = segments[0];
  const last = segments.at(-1);
  let bytes = 0;
  for (const s of segments) bytes += (await stat(s.path)).size;
  const startOffset = first?.baseOffset ?? 0;
  const tail = last === undefined ? undefined : await lastRecord(last.path);
  const nextOffset = tail === undefined ? (last?.baseOffset ?? 0) : tail.offset + 1;
  const head = first === undefined ? undefined : decoded(await firstLine(first.path));
  return {
    topic,
    records: nextOffset - startOffset,
    bytes,
    segments: segments.length,
    startOffset,
    nextOffset,
    oldestTimestamp: nextOffset > startOffset ? head?.timestamp : undefined,
  };
}

/** Every topic of the log in `dataDir`, sorted by name. */
export async function describeLocalLog(dataDir: string): Promise<TopicSummary[]> {
  const dir = logDir(dataDir);
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LogNotFoundError(dir);
    throw error;
  });
  const topics = entries
    .filter((e) => e.isDirectory() && isValidTopicName(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(topics.map((topic) => describeTopic(dataDir, topic)));
}
