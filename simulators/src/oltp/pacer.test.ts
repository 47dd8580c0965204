import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer';

describe('Pacer', () => {
  it('spaces transactions by their number of changes', () => {
    let now = 0;
    const pacer = new Pacer({ perSecond: 10, burst: 1, now: () => now });
    expect(pacer.delayMs()).toBe(0);
    pacer.consume(3);
    expect(pacer.delayMs()).toBe(300);
    now = 300;
    expect(pacer.delayMs()).toBe(0);
  });

  it('counts an empty transaction as one slot', () => {
    let now = 0;
    const pacer = new Pacer({ perSecond: 2, now: () => now });
    pacer.consume(0);
    expect(pacer.delayMs()).toBe(500);
    now = 100;
    expect(pacer.delayMs()).toBe(400);
  });

  it('catches up after a stall, but only by the burst', () => {
    let now = 0;
    const pacer = new Pacer({ perSecond: 10, burst: 5, now: () => now });
    now = 10_000; // a long stall
    for (let i = 0; i < 5; i++) {
      expect(pacer.delayMs()).toBe(0);
      pacer.consume(1);
    }
    expect(pacer.delayMs()).toBe(0);
    pacer.consume(1);
    expect(pacer.delayMs()).toBeCloseTo(100, 6);
  });

  it('never waits without a limit', () => {
    const pacer = new Pacer({ perSecond: Number.POSITIVE_INFINITY });
    pacer.consume(1_000);
    expect(pacer.delayMs()).toBe(0);
  });

  it('rejects a rate that is not positive', () => {
    expect(() => new Pacer({ perSecond: 0 })).toThrow(/perSecond/);
  });
});
