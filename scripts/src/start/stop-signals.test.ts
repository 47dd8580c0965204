import { describe, expect, it } from 'vitest';
import { stopSignals } from './stop-signals';

describe('stopSignals', () => {
  it('takes the echoes of one Ctrl-C (npm, tsx and the terminal each deliver it) as one stop', () => {
    let t = 1_000;
    const next = stopSignals({ sameWithinMs: 1_000, now: () => t });
    expect(next()).toBe('stop');
    t += 5;
    expect(next()).toBe('repeat');
    t += 900;
    expect(next()).toBe('repeat');
  });

  it('forces on a second Ctrl-C pressed later', () => {
    let t = 0;
    const next = stopSignals({ now: () => t });
    expect(next()).toBe('stop');
    t = 2_500;
    expect(next()).toBe('force');
    expect(next()).toBe('force');
  });
});
