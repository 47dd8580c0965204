import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveCoreOptions } from './options';
import { type TaskOutput, TaskProcessor } from './task';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const NAMES = ['Search Performed', 'Listing Viewed', 'Booking Completed', 'Other'];

const record = (i: number, at: number, user: number) => ({
  role: 'events' as const,
  record: {
    topic: 'events',
    key: `u${user}`,
    value: JSON.stringify({
      type: 'track',
      event: NAMES[i % 4],
      userId: `u${user}`,
      timestamp: new Date(at).toISOString(),
      context: { sessionId: 's' },
    }),
  },
});

/** Latest value per aggregate key, without the emission stamps. */
function finalTable(outputs: readonly TaskOutput[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const o of outputs) if (o.kind === 'aggregate') out[o.key] = [o.value.count, o.value.value];
  return out;
}

function run(inputs: ReturnType<typeof record>[], hopMs?: number) {
  const p = new TaskProcessor(
    0,
    resolveCoreOptions({
      windowMs: 10_000,
      outOfOrdernessMs: 3_000,
      graceMs: 0,
      idleMs: 0,
      ...(hopMs ? { hopMs } : {}),
    }),
  );
  const outputs: TaskOutput[] = [];
  for (const r of inputs) {
    p.process(r);
    outputs.push(...p.drain('x'));
  }
  return { outputs, p };
}

describe('TaskProcessor properties', () => {
  it('disorder within the out-of-orderness bound changes no result and makes nothing late', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 900 }), user: fc.integer({ min: 0, max: 5 }) }), {
          minLength: 5,
          maxLength: 80,
        }),
        fc.array(fc.integer({ min: 0, max: 2_900 }), { minLength: 80, maxLength: 80 }),
        (steps, jitter) => {
          let at = T0;
          const inOrder = steps.map((s, i) => {
            at += s.gap;
            return { i, at, user: s.user };
          });
          // Each event delayed by up to 2.9 s of arrival: sorted by arrival, event times stay within 3 s of the max seen.
          const arrival = [...inOrder].sort(
            (a, b) => a.at + (jitter[a.i] ?? 0) - (b.at + (jitter[b.i] ?? 0)),
          );
          const a = run(inOrder.map((e) => record(e.i, e.at, e.user)));
          const b = run(arrival.map((e) => record(e.i, e.at, e.user)));
          expect(b.p.counters.lateAccepted + b.p.counters.lateDropped).toBe(0);
          expect(finalTable(b.outputs)).toEqual(finalTable(a.outputs));
        },
      ),
    );
  });

  it('with hopping windows counts an event once in each of its windows', () => {
    const inputs = [record(0, T0 + 7_000, 1), record(1, T0 + 30_000, 1)];
    const table = finalTable(run(inputs, 5_000).outputs);
    const records = Object.entries(table).filter(([k]) => k.includes('|records|'));
    expect(records.map(([k, v]) => [k.slice(11, 19), v])).toEqual([
      ['00:00:00', [1, 1]],
      ['00:00:05', [1, 1]],
    ]);
  });
});
