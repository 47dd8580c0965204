import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['60s', 60_000],
    ['60', 60_000],
    ['10', 10_000],
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['5m', 300_000],
    ['1.5h', 5_400_000],
    ['1d', 86_400_000],
    [' 2s ', 2_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '-1s', '0s', '10 days', '1e3s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('takes 0 only when allowed, and a bare number in the unit given (or none)', () => {
    expect(parseDuration('0', { allowZero: true })).toBe(0);
    expect(parseDuration('250', { bareUnit: 'ms' })).toBe(250);
    expect(parseDuration('250', { bareUnit: null })).toBeUndefined();
    expect(parseDuration('250ms', { bareUnit: null })).toBe(250);
  });
});
