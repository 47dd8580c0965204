import { describe, expect, it } from 'vitest';
import { isUsageError, reportUsageError, USAGE_EXIT_CODE, UsageError } from './usage-error';

const capture = () => {
  const texts: string[] = [];
  return { write: (t: string) => texts.push(t), text: () => texts.join('') };
};

describe('UsageError', () => {
  it('is told apart from other errors', () => {
    expect(isUsageError(new UsageError('x'))).toBe(true);
    expect(isUsageError(new Error('x'))).toBe(false);
    expect(isUsageError('x')).toBe(false);
    expect(new UsageError('x').name).toBe('UsageError');
  });
});

describe('reportUsageError', () => {
  it('prints the message and a --help hint without usage text, and answers 2', () => {
    const out = capture();
    expect(reportUsageError(out.write, 'inlet-x', 'bad flag')).toBe(2);
    expect(USAGE_EXIT_CODE).toBe(2);
    expect(out.text()).toBe('inlet-x: bad flag\nRun inlet-x --help for usage.\n');
  });

  it('prints the usage text after a blank line, ending in one newline', () => {
    const a = capture();
    reportUsageError(a.write, 'inlet-x', 'bad flag', 'Usage: inlet-x');
    expect(a.text()).toBe('inlet-x: bad flag\n\nUsage: inlet-x\n');
    const b = capture();
    reportUsageError(b.write, 'inlet-x', 'bad flag', 'Usage: inlet-x\n');
    expect(b.text()).toBe('inlet-x: bad flag\n\nUsage: inlet-x\n');
  });
});
