import { describe, expect, it } from 'vitest';
import { backoff } from './backoff';

const at = (random: number) => (attempt: number) =>
  backoff({ attempt, base: 1_000, cap: 300_000, random: () => random });

describe('backoff', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    const ceiling = at(1);
    expect([0, 1, 2, 3, 8, 9, 20].map(ceiling)).toEqual([
      1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000,
    ]);
  });

  it('jitters over the whole window (full jitter)', () => {
    expect(at(0)(5)).toBe(0);
    expect(at(0.5)(3)).toBe(4_000);
    expect(at(0.25)(20)).toBe(75_000);
  });
});
