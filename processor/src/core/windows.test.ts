import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowStarts } from './windows';

describe('windowStarts', () => {
  it('puts an event in one tumbling window, aligned to the epoch', () => {
    expect(windowStarts(12_345, 10_000, 10_000)).toEqual([10_000]);
    expect(windowStarts(10_000, 10_000, 10_000)).toEqual([10_000]);
    expect(windowStarts(9_999, 10_000, 10_000)).toEqual([0]);
  });

  it('puts an event in size/hop hopping windows, oldest first', () => {
    expect(windowStarts(12_345, 10_000, 5_000)).toEqual([5_000, 10_000]);
  });

  it('every window returned contains the event', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 5 }),
        (t, hops, k) => {
          const hop = 1000 * k;
          const size = hop * hops;
          const starts = windowStarts(t, size, hop);
          expect(starts).toHaveLength(hops);
          for (const s of starts) expect(t >= s && t < s + size).toBe(true);
        },
      ),
    );
  });
});
