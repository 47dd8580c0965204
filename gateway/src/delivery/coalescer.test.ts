import type { SinkRecord } from '@inlet/streams';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Coalescer } from './coalescer';

const rec = (value: string): SinkRecord => ({ topic: 't', key: null, value });

describe('Coalescer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gathers the calls of one window into one flush and gives each caller its outcome', async () => {
    const flushes: string[][] = [];
    const c = new Coalescer(
      async (records) => {
        flushes.push(records.map((r) => String(r.value)));
        return flushes.length;
      },
      { windowMs: 5 },
    );
    const a = c.add([rec('a1'), rec('a2')]);
    const b = c.add([rec('b1')]);
    expect(c.waiting).toBe(3);
    await vi.advanceTimersByTimeAsync(5);
    const later = c.add([rec('c1')]);
    await vi.advanceTimersByTimeAsync(5);
    expect(await Promise.all([a, b, later])).toEqual([1, 1, 2]);
    expect(flushes).toEqual([['a1', 'a2', 'b1'], ['c1']]);
  });

  it('flushes at once when the record cap is reached', async () => {
    const flush = vi.fn(async (records: SinkRecord[]) => records.length);
    const c = new Coalescer(flush, { windowMs: 1_000, maxRecords: 3 });
    const a = c.add([rec('1'), rec('2')]);
    const b = c.add([rec('3')]);
    expect(flush).toHaveBeenCalledTimes(1);
    expect(await Promise.all([a, b])).toEqual([3, 3]);
  });

  it('with a zero window gathers what arrives before the next check phase', async () => {
    vi.useRealTimers();
    const flush = vi.fn(async (records: SinkRecord[]) => records.length);
    const c = new Coalescer(flush, { windowMs: 0 });
    const results = await Promise.all([c.add([rec('1')]), c.add([rec('2')])]);
    expect(results).toEqual([2, 2]);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('rejects every caller of a failed flush, and drain waits for flushes in flight', async () => {
    let fail = true;
    const c = new Coalescer(async () => {
      if (fail) throw new Error('boom');
      return 'ok';
    });
    const a = c.add([rec('1')]);
    const b = c.add([rec('2')]);
    const settled = Promise.allSettled([a, b]);
    await vi.advanceTimersByTimeAsync(2);
    expect((await settled).map((s) => s.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    const pending = c.add([rec('3')]);
    await c.drain();
    expect(c.waiting).toBe(0);
    await expect(pending).resolves.toBe('ok');
  });
});
