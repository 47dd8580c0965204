import { memoryStore, type QueueCaps } from '@inlet/sdk-core';
import { describe, expect, it } from 'vitest';
import { measure, parseQueueFlags, table } from './run';

describe('parseQueueFlags', () => {
  it('takes defaults, caps as a list, and a baseline', () => {
    expect(parseQueueFlags([])).toMatchObject({ caps: [1000, 10000, 100000], rounds: 5, append: true });
    expect(parseQueueFlags(['--caps', '10, 20', '--baseline', 'HEAD~1', '--no-append'])).toMatchObject({
      caps: [10, 20],
      baseline: 'HEAD~1',
      append: false,
    });
    expect(parseQueueFlags(['--help'])).toBe('help');
  });

  it('names a bad number and the flag it came with', () => {
    expect(() => parseQueueFlags(['--caps', '10,x'])).toThrow(
      /--caps: expected a positive whole number, got "x"/,
    );
    expect(() => parseQueueFlags(['--rounds', '0'])).toThrow(/--rounds/);
    expect(() => parseQueueFlags(['--nope'])).toThrow(/nope/);
  });
});

describe('measure', () => {
  it('times each step at each cap, beside the baseline, and tables the ratios', () => {
    const options = { caps: [50], warmupMs: 1, rounds: 1, roundMs: 5, append: false };
    let made = 0;
    const counted = (caps: QueueCaps) => {
      made++;
      return memoryStore(caps);
    };
    const rows = measure(options, memoryStore, counted);
    expect(made).toBe(2); // the baseline's store, once per step
    expect(rows.map((r) => r.step)).toEqual([
      'plain array: push + shift (reference)',
      'push 1 (evicts 1)',
      'send: peek + remove 500, 500 pushes',
    ]);
    for (const r of rows) expect(r.timing.median).toBeGreaterThan(0);
    expect(rows[1]?.base?.median).toBeGreaterThan(0);
    const text = table(rows, true);
    expect(text).toMatch(/\| +50 \| push 1 \(evicts 1\) +\| +[\d.]+ \| +[\d.]+ \| +[\d.]+ \| +\d+\.\d{3} \|/);
    expect(table(rows, false)).not.toContain('baseline');
  });
});
