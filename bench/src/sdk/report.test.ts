import { describe, expect, it } from 'vitest';
import { duration, figures, percentile } from './report';

describe('figures', () => {
  it('takes nearest-rank percentiles, the mean and the busy time per call', () => {
    const samples = Array.from({ length: 100 }, (_, i) => (i + 1) / 1000);
    expect(percentile([...samples], 50)).toBe(0.05);
    expect(percentile([...samples], 99)).toBe(0.099);
    expect(percentile([], 50)).toBeNaN();
    const f = figures({ samples: samples.reverse(), busyMs: 20, calls: 100 });
    expect(f).toMatchObject({ p50: 0.05, p99: 0.099, busyPerEvent: 0.2 });
    expect(f.mean).toBeCloseTo(0.0505);
  });

  it('prints µs below a millisecond and ms above', () => {
    expect([duration(0.005), duration(0.25), duration(2.345), duration(Number.NaN)]).toEqual([
      '5.0 µs',
      '250 µs',
      '2.35 ms',
      '—',
    ]);
  });
});
