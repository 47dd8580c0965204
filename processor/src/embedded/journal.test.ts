import { describe, expect, it } from 'vitest';
import { type JournalEntry, missingOutputs } from './journal';

const out = (topic: string, key: string) => ({ topic, key, value: '{}', headers: {} });

describe('missingOutputs', () => {
  const entry: JournalEntry = {
    seq: 3,
    positions: {},
    snapshot: { maxEventTime: null, watermark: null, windows: [] },
    outputs: [out('a', '1'), out('b', '2'), out('a', '3'), out('a', '4')],
    bases: { a: 10, b: 5 },
  };

  it('is every output when none reached its topic', () => {
    expect(missingOutputs(entry, (t) => (t === 'a' ? 10 : 5)).map((o) => o.key)).toEqual([
      '1',
      '3',
      '4',
      '2',
    ]);
  });

  it('is the tail a crash cut off, per topic', () => {
    expect(missingOutputs(entry, (t) => (t === 'a' ? 11 : 6)).map((o) => o.key)).toEqual(['3', '4']);
  });

  it('is nothing once all were stored', () => {
    expect(missingOutputs(entry, (t) => (t === 'a' ? 13 : 6))).toEqual([]);
  });
});
