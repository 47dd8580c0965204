import { describe, expect, it } from 'vitest';
import { mulberry32 } from './mulberry32';

describe('mulberry32', () => {
  it('gives the same sequence for the same seed, so seeded data never changes', () => {
    const rand = mulberry32(42);
    expect([rand(), rand(), rand()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('draws in [0, 1) and differs between seeds', () => {
    const a = mulberry32(1);
    const b = mulberry32(2);
    const draws = Array.from({ length: 1_000 }, () => a());
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(b()).not.toBe(mulberry32(1)());
  });
});
