import { describe, expect, it } from 'vitest';
import { parseBenchFlags, positiveInt, positiveNumber } from './flags';

describe('positiveInt', () => {
  it('takes digits, or the default when the flag is absent', () => {
    expect(positiveInt('12', 5, 'n')).toBe(12);
    expect(positiveInt(undefined, 5, 'n')).toBe(5);
  });

  it('refuses anything else, naming the flag and adding the usage', () => {
    for (const bad of ['0', '-3', '1.5', '1e4', ' 7', '', 'x', '99999999999999999999']) {
      expect(() => positiveInt(bad, 5, 'rounds')).toThrow(
        `--rounds: expected a positive whole number, got ${JSON.stringify(bad)}`,
      );
    }
    expect(() => positiveInt('x', 5, 'rounds', 'Usage: …')).toThrow(/got "x"\nUsage: …$/);
  });
});

describe('positiveNumber', () => {
  it('takes fractions, or the default', () => {
    expect(positiveNumber('2.5', 10, 'duration')).toBe(2.5);
    expect(positiveNumber(undefined, 10, 'duration')).toBe(10);
  });

  it('refuses zero, negatives, blanks and words', () => {
    for (const bad of ['0', '-1', '', ' ', 'ten', 'Infinity']) {
      expect(() => positiveNumber(bad, 10, 'duration')).toThrow(
        `--duration: expected a positive number, got ${JSON.stringify(bad)}`,
      );
    }
  });
});

describe('parseBenchFlags', () => {
  const own = { rounds: { type: 'string' } } as const;

  it('adds --no-append and --help (-h) to the bench’s own flags', () => {
    expect(parseBenchFlags(['--rounds', '3'], own)).toMatchObject({
      values: { rounds: '3' },
      help: false,
      append: true,
    });
    expect(parseBenchFlags(['--no-append', '-h'], own)).toMatchObject({ help: true, append: false });
  });

  it('refuses an unknown flag', () => {
    expect(() => parseBenchFlags(['--nope'], own)).toThrow(/nope/);
  });
});
