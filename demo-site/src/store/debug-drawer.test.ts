import { newStats } from '@inlet/sdk-core';
import { describe, expect, it } from 'vitest';
import { describeDelivery } from './debug-drawer';
import { type InletStats, pendingEvents } from './inlet-api';

const stats = (over: Partial<InletStats> = {}): InletStats => ({ ...newStats(), ...over });

describe('debug drawer', () => {
  it('reads the last delivery from what the counters did', () => {
    expect(describeDelivery(stats(), stats(), 1)).toBeUndefined();
    expect(describeDelivery(stats(), stats({ acknowledged: 4 }), 1)).toEqual({
      at: 1,
      what: '4 delivered',
      ok: true,
    });
    expect(describeDelivery(stats(), stats({ acknowledged: 2, retried: 3 }), 1)?.ok).toBe(false);
    expect(describeDelivery(stats(), stats({ rejected: 1 }), 1)?.what).toMatch(/rejected/);
  });

  it('counts pending events from this page, never below zero', () => {
    expect(
      pendingEvents(
        stats({ generated: 10, acknowledged: 6, dropped: { ...newStats().dropped, consent: 1, cap: 1 } }),
      ),
    ).toBe(2);
    // After a reload the queue of the previous page is acknowledged by this one.
    expect(pendingEvents(stats({ generated: 2, acknowledged: 9 }))).toBe(0);
  });
});
