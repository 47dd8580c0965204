import { parseDuration } from '@inlet/schemas';
import { describe, expect, it } from 'vitest';
import { parseStages, rampHoldDown, targetAt, totalMs } from './stages';

describe('stages', () => {
  it('parses durations and k6-style stages, and names what is wrong', () => {
    expect([
      parseDuration('500ms'),
      parseDuration('30s'),
      parseDuration('2m'),
      parseDuration('1.5h'),
      parseDuration('10'),
    ]).toEqual([500, 30_000, 120_000, 5_400_000, 10_000]);
    expect(parseDuration('0s')).toBeUndefined();
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseStages('30s:100, 1m:100,10s:0')).toEqual([
      { durationMs: 30_000, target: 100 },
      { durationMs: 60_000, target: 100 },
      { durationMs: 10_000, target: 0 },
    ]);
    expect(() => parseStages('30s:100,oops')).toThrow(/stage "oops" must look like 30s:100/);
    expect(() => parseStages('30s:-1')).toThrow(/target ≥ 0/);
  });

  it('interpolates the target linearly within each stage', () => {
    const stages = parseStages('10s:100,10s:100,10s:0');
    expect(totalMs(stages)).toBe(30_000);
    expect([0, 5_000, 10_000, 15_000, 25_000, 30_000, 40_000].map((t) => targetAt(stages, t))).toEqual([
      0, 50, 100, 100, 50, 0, 0,
    ]);
    expect(targetAt([{ durationMs: 1_000, target: 10 }], 0, 10)).toBe(10);
    expect(rampHoldDown(100_000, 50)).toEqual([
      { durationMs: 20_000, target: 50 },
      { durationMs: 70_000, target: 50 },
      { durationMs: 10_000, target: 0 },
    ]);
  });
});
