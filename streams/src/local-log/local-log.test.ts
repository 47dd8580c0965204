import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSinkClosedError, isSinkRecordError } from '../errors';
import { valueText } from '../records';
import type { SinkRecord } from '../sink';
import { collect, jsonRecords, offsets, tempDir } from '../testing/local-log-records';
import { LocalLog } from './local-log';

let dir: string;
let cleanup: () => Promise<void>;
let log: LocalLog;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  log = await LocalLog.open({ dataDir: dir, logLevel: 'silent' });
});
afterEach(async () => {
  await log.close();
  await cleanup();
});

describe('LocalLog append and read', () => {
  it('stores records with key, headers, timestamp and value, and reads them back in order', async () => {
    const result = await log.append([
      { topic: 'orders', key: 'o1', value: '{"a":1}', headers: { source: 'test' }, timestamp: 1000 },
      { topic: 'orders', key: null, value: '{"a":2}', timestamp: 2000 },
    ]);
    expect(result).toEqual({
      count: 2,
      positions: [{ topic: 'orders', partition: 0, baseOffset: '0', lastOffset: '1' }],
    });
    const records = await collect(log.readTopic('orders'));
    expect(records).toEqual([
      {
        topic: 'orders',
        partition: 0,
        offset: '0',
        key: 'o1',
        headers: { source: 'test' },
        timestamp: 1000,
        value: '{"a":1}',
      },
      {
        topic: 'orders',
        partition: 0,
        offset: '1',
        key: null,
        headers: {},
        timestamp: 2000,
        value: '{"a":2}',
      },
    ]);
  });

  it('writes the documented line format to <dataDir>/log/<topic>/<20-digit base offset>.log', async () => {
    await log.append([{ topic: 'orders', key: 'k', value: 'v', timestamp: 5 }]);
    const text = await readFile(join(dir, 'log', 'orders', '00000000000000000000.log'), 'utf8');
    expect(text).toBe(
      '{"topic":"orders","partition":0,"offset":0,"key":"k","headers":{},"timestamp":5,"value":"v"}\n',
    );
  });

  it('stores tombstones and binary values', async () => {
    const bytes = Uint8Array.from([0, 1, 2, 255, 10]);
    await log.append([
      { topic: 'state', key: 'u1', value: null },
      { topic: 'state', key: 'u2', value: bytes },
    ]);
    const [tombstone, binary] = await collect(log.readTopic('state'));
    expect(tombstone?.value).toBeNull();
    expect(binary?.value).toBeInstanceOf(Uint8Array);
    expect(binary?.value).toEqual(Buffer.from(bytes));
    const line = (await readFile(join(dir, 'log', 'state', '00000000000000000000.log'), 'utf8')).split(
      '\n',
    )[1];
    expect(JSON.parse(line ?? '')).toMatchObject({ value: 'AAEC/wo=', valueEncoding: 'base64' });
  });

  it('keeps one offset sequence per topic and reports a position per topic', async () => {
    const result = await log.append([
      ...jsonRecords('a', 2),
      ...jsonRecords('b', 3),
      ...jsonRecords('a', 1, 2),
    ]);
    expect(result.count).toBe(6);
    expect(result.positions).toEqual([
      { topic: 'a', partition: 0, baseOffset: '0', lastOffset: '2' },
      { topic: 'b', partition: 0, baseOffset: '0', lastOffset: '2' },
    ]);
    const a = await collect(log.readTopic('a'));
    expect(a.map((r) => valueText(r))).toEqual(['{"i":0}', '{"i":1}', '{"i":2}']);
    expect(log.topics()).toEqual(['a', 'b']);
  });

  it('reads from an offset', async () => {
    await log.append(jsonRecords('t', 10));
    expect(offsets(await collect(log.readTopic('t', { fromOffset: 7 })))).toEqual([7, 8, 9]);
    expect(offsets(await collect(log.readTopic('t', { fromOffset: '9' })))).toEqual([9]);
    expect(await collect(log.readTopic('t', { fromOffset: 10 }))).toEqual([]);
  });

  it('coalesces concurrent appends into few fsyncs, each caller resolved with its own contiguous offsets', async () => {
    const calls = Array.from({ length: 50 }, (_, c) => log.append(jsonRecords('busy', 3, c * 3)));
    const results = await Promise.all(calls);
    const usage = log.usage().find((u) => u.topic === 'busy');
    expect(usage?.appends).toBe(50);
    expect(usage?.fsyncs).toBeLessThan(10);
    // Offsets are assigned in call order, three per call.
    results.forEach((r, c) => {
      expect(r.positions).toEqual([
        { topic: 'busy', partition: 0, baseOffset: String(c * 3), lastOffset: String(c * 3 + 2) },
      ]);
    });
    const stored = await collect(log.readTopic('busy'));
    expect(offsets(stored)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(stored.map((r) => r.key)).toEqual(Array.from({ length: 150 }, (_, i) => `k${i}`));
  });

  it('returns an empty result for an empty append', async () => {
    expect(await log.append([])).toEqual({ count: 0, positions: [] });
  });

  it('rejects invalid records with a SinkRecordError and writes nothing', async () => {
    const bad = [
      { topic: '../escape', key: null, value: 'x' },
      { topic: 'ok', key: 1, value: 'x' },
      { topic: 'ok', key: null, value: { not: 'serialized' } },
      { topic: 'ok', key: null, value: 'x', headers: { n: 1 } },
      { topic: 'ok', key: null, value: 'x', timestamp: -1 },
    ] as unknown as SinkRecord[];
    for (const record of bad) {
      const error = await log.append([record]).catch((e: unknown) => e);
      expect(isSinkRecordError(error), String(error)).toBe(true);
    }
    expect(log.topics()).toEqual([]);
  });

  it('rejects appends after close with SinkClosedError and reports closed health', async () => {
    await log.close();
    const error = await log.append(jsonRecords('t', 1)).catch((e: unknown) => e);
    expect(isSinkClosedError(error)).toBe(true);
    expect(log.health()).toMatchObject({ kind: 'local-log', state: 'closed', ready: false });
  });
});

describe('LocalLog segments', () => {
  it('rolls segments by size, naming each by its base offset, and reads across them', async () => {
    await log.close();
    log = await LocalLog.open({ dataDir: dir, segmentBytes: 1000, logLevel: 'silent' });
    for (let i = 0; i < 40; i++) await log.append(jsonRecords('t', 1, i));
    const files = (await readdir(join(dir, 'log', 't'))).sort();
    expect(files.length).toBeGreaterThan(3);
    const bases = files.map((f) => Number(f.replace('.log', '')));
    expect(bases[0]).toBe(0);
    for (const file of files) {
      const size = (await stat(join(dir, 'log', 't', file))).size;
      expect(size).toBeLessThanOrEqual(1000);
      const first = (await readFile(join(dir, 'log', 't', file), 'utf8')).split('\n')[0] ?? '';
      if (first !== '') expect(JSON.parse(first).offset).toBe(Number(file.replace('.log', '')));
    }
    expect(offsets(await collect(log.readTopic('t')))).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(offsets(await collect(log.readTopic('t', { fromOffset: 33 })))).toEqual([
      33, 34, 35, 36, 37, 38, 39,
    ]);
  });

  it('continues offsets after reopening', async () => {
    await log.append(jsonRecords('t', 5));
    await log.close();
    log = await LocalLog.open({ dataDir: dir, logLevel: 'silent' });
    const result = await log.append(jsonRecords('t', 3, 5));
    expect(result.positions[0]).toMatchObject({ baseOffset: '5', lastOffset: '7' });
    expect(offsets(await collect(log.readTopic('t')))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(log.recoveries()).toEqual([]);
  });

  it('deletes only whole segments below the offset, then everything once all is acknowledged', async () => {
    await log.close();
    log = await LocalLog.open({ dataDir: dir, segmentBytes: 500, logLevel: 'silent' });
    for (let i = 0; i < 30; i++) await log.append(jsonRecords('spool', 1, i));
    const before = log.usage()[0];
    const bases = (await readdir(join(dir, 'log', 'spool')))
      .map((f) => Number(f.replace('.log', '')))
      .sort((a, b) => a - b);
    const cut = bases[2] ?? 0;
    // An offset inside the third segment deletes the first two only.
    expect(await log.deleteSegmentsBefore('spool', cut + 1)).toBe(2);
    const after = log.usage()[0];
    expect(after?.startOffset).toBe(cut);
    expect(after?.records).toBe(30 - cut);
    expect(after?.bytes).toBeLessThan(before?.bytes ?? 0);
    expect(after?.oldestTimestamp).toBe(1_700_000_000_000 + cut);
    expect(offsets(await collect(log.readTopic('spool')))[0]).toBe(cut);

    expect(await log.deleteSegmentsBefore('spool', 30)).toBeGreaterThan(0);
    expect(log.usage()[0]).toMatchObject({
      records: 0,
      bytes: 0,
      segments: 1,
      startOffset: 30,
      oldestTimestamp: undefined,
    });
    expect(await collect(log.readTopic('spool'))).toEqual([]);
    const next = await log.append(jsonRecords('spool', 1, 30));
    expect(next.positions[0]?.baseOffset).toBe('30');
    expect(await log.deleteSegmentsBefore('unknown-topic', 5)).toBe(0);
  });

  it('reports usage: bytes on disk, records, offsets and the oldest record age', async () => {
    await log.append([
      { topic: 't', key: null, value: 'x', timestamp: 10_000 },
      { topic: 't', key: null, value: 'y', timestamp: 20_000 },
    ]);
    const [usage] = log.usage(70_000);
    const size = (await stat(join(dir, 'log', 't', '00000000000000000000.log'))).size;
    expect(usage).toMatchObject({
      topic: 't',
      segments: 1,
      bytes: size,
      startOffset: 0,
      nextOffset: 2,
      records: 2,
    });
    expect(usage?.oldestTimestamp).toBe(10_000);
    expect(usage?.oldestAgeMs).toBe(60_000);
    expect(log.totalBytes()).toBe(size);
    expect(log.health()).toMatchObject({ kind: 'local-log', state: 'ready', ready: true });
  });
});
