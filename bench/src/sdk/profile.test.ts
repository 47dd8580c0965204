import { describe, expect, it } from 'vitest';
import { selfTimes } from './profile';

const frame = (functionName: string, lineNumber = 0) => ({
  functionName,
  url: 'http://127.0.0.1:1/sdk/inlet.js',
  lineNumber,
  columnNumber: 4,
});

describe('selfTimes', () => {
  it('gives each sample delta to the node sampled before it and sums a function over its nodes', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)') },
        { id: 2, callFrame: frame('track', 9) },
        { id: 3, callFrame: frame('track', 9) },
        { id: 4, callFrame: frame('') },
      ],
      samples: [2, 3, 1, 4, 2],
      timeDeltas: [0, 300, 200, 1000, 500],
    };
    expect(selfTimes(profile, 10)).toEqual([
      { where: '(idle) (inlet.js:1:5)', ms: 1 },
      { where: 'track (inlet.js:10:5)', ms: 0.5 },
      { where: '(anonymous) (inlet.js:1:5)', ms: 0.5 },
    ]);
    expect(selfTimes(profile, 1)).toHaveLength(1);
    expect(selfTimes({ nodes: [] }, 5)).toEqual([]);
  });
});
