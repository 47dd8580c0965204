import { describe, expect, it } from 'vitest';
import type { Measurement } from './measure';
import { duration, figures, percentile, type Row, ratios } from './report';

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

describe('ratios', () => {
  const row = (round: number, key: string, busyMs: number, sample: number): Row => ({
    round,
    m: {
      sdk: { key },
      calls: 2,
      busyMs,
      cpuMs: busyMs / 2,
      samples: [sample, sample],
    } as unknown as Measurement,
  });

  it('divides the working tree by the baseline per round, skipping rounds without both', () => {
    const text = ratios([
      row(1, 'inlet', 0.08, 0.01),
      row(1, 'inlet-baseline', 0.1, 0.02),
      row(2, 'inlet', 0.1, 0.01),
      row(2, 'inlet-memory', 0.05, 0.01),
    ]);
    expect(text).toBe(
      'Working tree ÷ baseline:\n- round 1: busy per event 0.80 (40.0 µs ÷ 50.0 µs), CPU per event 0.80 (20.0 µs ÷ 25.0 µs), sync mean 0.50 (10.0 µs ÷ 20.0 µs)',
    );
    expect(ratios([row(1, 'inlet', 1, 1)])).toContain('no round measured both');
  });
});
