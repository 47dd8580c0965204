import { describe, expect, it } from 'vitest';
import { isSinkClosedError, isSinkRecordError, isSinkUnavailableError, SinkTimeoutError } from '../errors';
import type { SinkRecord } from '../sink';
import { MemorySink } from './index';

const record = (topic: string, value: string | null, key: string | null = 'k'): SinkRecord => ({
  topic,
  key,
  value,
});

describe('MemorySink', () => {
  it('stores records per topic with offsets and reads them back', async () => {
    const sink = new MemorySink();
    const result = await sink.append([record('a', '{"n":1}'), record('b', null), record('a', '{"n":2}')]);
    expect(result).toEqual({
      count: 3,
      positions: [
        { topic: 'a', partition: 0, baseOffset: '0', lastOffset: '1' },
        { topic: 'b', partition: 0, baseOffset: '0', lastOffset: '0' },
      ],
    });
    expect(sink.json('a')).toEqual([{ n: 1 }, { n: 2 }]);
    expect(sink.json('b')).toEqual([null]);
    expect(sink.records().map((r) => r.topic)).toEqual(['a', 'b', 'a']);
    const read = [];
    for await (const r of sink.readTopic('a', { fromOffset: 1 })) read.push(r.offset);
    expect(read).toEqual(['1']);
    expect(sink.appendCount).toBe(1);
  });

  it('injects failures: the next N appends, or all while unavailable', async () => {
    const sink = new MemorySink();
    sink.failNext(new SinkTimeoutError('slow', 'memory'), 2);
    await expect(sink.append([record('a', 'x')])).rejects.toThrow('slow');
    await expect(sink.append([record('a', 'x')])).rejects.toThrow('slow');
    await sink.append([record('a', 'x')]);
    sink.setAvailable(false);
    expect(sink.ready()).toBe(false);
    const error = await sink.append([record('a', 'y')]).catch((e: unknown) => e);
    expect(isSinkUnavailableError(error)).toBe(true);
    expect(sink.health()).toMatchObject({ kind: 'memory', state: 'unavailable', ready: false });
    expect(sink.health().lastError?.message).toContain('unavailable');
    sink.setAvailable(true);
    await sink.append([record('a', 'z')]);
    expect(sink.records('a').map((r) => r.value)).toEqual(['x', 'z']);
  });

  it('validates records like the real sinks and refuses appends after close', async () => {
    const sink = new MemorySink();
    const bad = await sink.append([{ topic: 'bad topic', key: null, value: 'x' }]).catch((e: unknown) => e);
    expect(isSinkRecordError(bad)).toBe(true);
    await sink.close();
    const closed = await sink.append([record('a', 'x')]).catch((e: unknown) => e);
    expect(isSinkClosedError(closed)).toBe(true);
  });
});
