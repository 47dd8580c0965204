import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTopicNotFoundError } from '../errors';
import type { StoredRecord } from '../sink';
import { collect, jsonRecords, offsets, tempDir } from '../testing/local-log-records';
import { describeLocalLog } from './inspect';
import { LocalLog } from './local-log';
import { parseOffset, readLocalTopic } from './reader';

let dir: string;
let cleanup: () => Promise<void>;
let log: LocalLog;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  log = await LocalLog.open({ dataDir: dir, segmentBytes: 600, logLevel: 'silent' });
});
afterEach(async () => {
  await log.close();
  await cleanup();
});

describe('readLocalTopic', () => {
  it('reads a log written by another LocalLog instance (no lock needed)', async () => {
    await log.append(jsonRecords('t', 12));
    expect(offsets(await collect(readLocalTopic(dir, 't', { fromOffset: 4 })))).toEqual([
      4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });

  it('fails with TopicNotFoundError for an unknown topic', async () => {
    const error = await collect(readLocalTopic(dir, 'nope')).catch((e: unknown) => e);
    expect(isTopicNotFoundError(error)).toBe(true);
  });

  it('follows the end of the log across segment rolls until aborted', async () => {
    await log.append(jsonRecords('t', 2));
    const controller = new AbortController();
    const seen: StoredRecord[] = [];
    const reading = (async () => {
      for await (const record of readLocalTopic(dir, 't', {
        follow: true,
        pollMs: 10,
        signal: controller.signal,
      })) {
        seen.push(record);
        if (seen.length === 20) controller.abort();
      }
    })();
    for (let i = 2; i < 20; i++) await log.append(jsonRecords('t', 1, i));
    await reading;
    expect(offsets(seen)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(log.usage()[0]?.segments).toBeGreaterThan(1);
  });

  it('stops a non-follow read of a live LocalLog at the records durable when it started', async () => {
    await log.append(jsonRecords('t', 3));
    const iterator = log.readTopic('t')[Symbol.asyncIterator]();
    const first = await iterator.next();
    await log.append(jsonRecords('t', 3, 3));
    const rest: number[] = [];
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest.push(Number(r.value.offset));
    expect(first.value?.offset).toBe('0');
    expect(rest).toEqual([1, 2]);
  });

  it('parses offsets strictly', () => {
    expect(parseOffset('42')).toBe(42);
    expect(parseOffset(7)).toBe(7);
    expect(() => parseOffset('-1', '--from')).toThrow('--from must be a non-negative integer, got "-1"');
    expect(() => parseOffset('1e3')).toThrow(RangeError);
    expect(() => parseOffset(1.5)).toThrow(RangeError);
  });
});

describe('describeLocalLog', () => {
  it('summarizes each topic from its files', async () => {
    await log.append(jsonRecords('b', 10));
    await log.append(jsonRecords('a', 1));
    await log.deleteSegmentsBefore('b', 6);
    const summary = await describeLocalLog(dir);
    const usage = log.usage();
    expect(summary.map((s) => s.topic)).toEqual(['a', 'b']);
    for (const s of summary) {
      const u = usage.find((x) => x.topic === s.topic);
      expect(s).toEqual({
        topic: u?.topic,
        records: u?.records,
        bytes: u?.bytes,
        segments: u?.segments,
        startOffset: u?.startOffset,
        nextOffset: u?.nextOffset,
        oldestTimestamp: u?.oldestTimestamp,
      });
    }
  });
});
