import { describe, expect, it } from 'vitest';
import { Scheduler } from './scheduler';

describe('Scheduler', () => {
  it('runs entries in time order, ties in scheduling order, and skips cancelled ones (virtual time)', async () => {
    const s = new Scheduler({ mode: 'virtual', start: 0 });
    const ran: string[] = [];
    s.setTimeout(() => ran.push('c'), 30);
    s.setTimeout(() => ran.push('a'), 10);
    s.setTimeout(() => ran.push('b1'), 20);
    s.setTimeout(() => ran.push('b2'), 20);
    const gone = s.setTimeout(() => ran.push('cancelled'), 15);
    s.clearTimeout(gone);
    s.at(25, () => s.setTimeout(() => ran.push('chained'), 1));
    await s.advance(25);
    expect(ran).toEqual(['a', 'b1', 'b2']);
    expect(s.now()).toBe(25);
    await s.advance(100);
    expect(ran).toEqual(['a', 'b1', 'b2', 'chained', 'c']);
    expect(s.stats()).toMatchObject({ ran: 6, pending: 0 });
  });

  it('keeps order over many random entries (the heap)', async () => {
    const s = new Scheduler({ mode: 'virtual', start: 0 });
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      const at = (i * 7919) % 1000;
      s.at(at, () => times.push(at));
    }
    await s.advance(1_000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(500);
  });

  it('drives real timers with one Node timer', async () => {
    const s = new Scheduler();
    s.start();
    const ran: number[] = [];
    await new Promise<void>((resolve) => {
      s.setTimeout(() => ran.push(2), 20);
      s.setTimeout(() => ran.push(1), 5);
      s.setTimeout(() => {
        ran.push(3);
        resolve();
      }, 30);
    });
    s.stop();
    expect(ran).toEqual([1, 2, 3]);
    expect(s.stats().ran).toBe(3);
  });
});
