import { describe, expect, it } from 'vitest';
import { addStats, DROP_REASONS, newStats, pendingEvents } from './stats';

describe('stats', () => {
  it('newStats starts every counter, drop reasons included, at zero', () => {
    const s = newStats();
    expect(s.generated + s.queued + s.sent + s.batches + s.acknowledged + s.rejected).toBe(0);
    expect(Object.keys(s.dropped).sort()).toEqual([...DROP_REASONS].sort());
    expect(Object.values(s.dropped).every((n) => n === 0)).toBe(true);
  });

  it('addStats sums every counter and every drop reason into the total', () => {
    const a = newStats();
    a.generated = 5;
    a.acknowledged = 3;
    a.retried = 2;
    a.resent = 1;
    a.dropped.cap = 1;
    const b = newStats();
    b.generated = 4;
    b.queued = 4;
    b.sent = 6;
    b.batches = 2;
    b.acknowledged = 2;
    b.rejected = 1;
    b.dropped.cap = 2;
    b.dropped.consent = 1;
    const total = newStats();
    addStats(total, a);
    addStats(total, b);
    expect(total).toMatchObject({
      generated: 9,
      queued: 4,
      sent: 6,
      batches: 2,
      acknowledged: 5,
      rejected: 1,
      retried: 2,
      resent: 1,
    });
    expect(total.dropped).toMatchObject({ cap: 3, consent: 1, 'too-large': 0 });
    expect(pendingEvents(total)).toBe(9 - 5 - 1 - 4);
    expect(a.generated).toBe(5);
  });
});
