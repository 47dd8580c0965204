import { describe, expect, it } from 'vitest';
import { Rng, seedFrom } from './rng';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.u32());

describe('Rng', () => {
  it('repeats a sequence for the same seed and stream, and differs otherwise', () => {
    expect(draws(new Rng(42, 7), 20)).toEqual(draws(new Rng(42, 7), 20));
    expect(draws(new Rng(42, 7), 20)).not.toEqual(draws(new Rng(42, 8), 20));
    expect(draws(new Rng(42, 7), 20)).not.toEqual(draws(new Rng(43, 7), 20));
  });

  it('draws weighted keys in proportion to their weights', () => {
    const rng = new Rng(1);
    const counts = { a: 0, b: 0, c: 0, never: 0 };
    const n = 60_000;
    for (let i = 0; i < n; i++) counts[rng.weighted({ a: 1, b: 2, c: 3, never: 0 })]++;
    expect(counts.never).toBe(0);
    expect(counts.a / n).toBeCloseTo(1 / 6, 2);
    expect(counts.b / n).toBeCloseTo(2 / 6, 2);
    expect(counts.c / n).toBeCloseTo(3 / 6, 2);
  });

  it('has the right means for uniform, exponential and normal draws', () => {
    const rng = new Rng(2);
    const mean = (f: () => number) => Array.from({ length: 50_000 }, f).reduce((a, b) => a + b, 0) / 50_000;
    expect(mean(() => rng.next())).toBeCloseTo(0.5, 2);
    expect(mean(() => rng.exponential(10)) / 10).toBeCloseTo(1, 1);
    expect(mean(() => rng.normal())).toBeCloseTo(0, 1);
  });

  it('makes v4-shaped UUIDs and stable seeds from text', () => {
    expect(new Rng(3).uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(seedFrom('run-1')).toBe(seedFrom('run-1'));
    expect(seedFrom('run-1')).not.toBe(seedFrom('run-2'));
    expect(() => new Rng(4).weighted({ a: 0 })).toThrow(/no positive weight/);
  });
});
