import { describe, expect, it } from 'vitest';
import {
  EXIT,
  expectJourney,
  firstState,
  type Journey,
  journeyProblems,
  nextState,
  type Stream,
  streamOf,
} from './journey';
import { JOURNEYS } from './journeys/index';
import { Rng } from './rng';
import { fixed } from './think';

/** Walks `n` journeys without an SDK, counting the events their states declare. */
function walk(journey: Journey, n: number, rng: Rng) {
  const events: Record<Stream, number> = { appEvents: 0, clickstream: 0, appLogs: 0 };
  const levels: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    for (let state = firstState(journey, rng); state !== EXIT; state = nextState(journey, state, rng)) {
      for (const e of journey.states[state]?.emit ?? []) events[streamOf(e.type)]++;
      levels[state] = (levels[state] ?? 0) + 1;
    }
  }
  return { events, visits: levels };
}

describe('journeys', () => {
  it.each(Object.entries(JOURNEYS))(
    '%s is well formed: known targets, positive weights, an exit from everywhere',
    (_, journey) => {
      expect(journeyProblems(journey)).toEqual([]);
    },
  );

  it('finds what is wrong with a broken journey', () => {
    const broken: Journey = {
      name: 'broken',
      start: { a: 1 },
      between: fixed(0),
      states: {
        a: { emit: [], think: fixed(1), next: { b: 1, nowhere: 1 } },
        b: { emit: [], think: fixed(1), next: { b: 1, c: -1 } },
      },
    };
    expect(journeyProblems(broken)).toEqual([
      'a → unknown state "nowhere"',
      'b → unknown state "c"',
      'b → c: weight -1 is not ≥ 0',
      'b: no positive weight',
      'a: the journey can never end from here',
      'b: the journey can never end from here',
    ]);
  });

  it('takes each transition with its weight’s probability, within 1.5 points over 20,000 draws', () => {
    const rng = new Rng(11);
    for (const journey of Object.values(JOURNEYS)) {
      for (const [name, spec] of Object.entries(journey.states)) {
        const total = Object.values(spec.next).reduce((a, b) => a + b, 0);
        const counts: Record<string, number> = {};
        for (let i = 0; i < 20_000; i++) {
          const next = nextState(journey, name, rng);
          counts[next] = (counts[next] ?? 0) + 1;
        }
        for (const [target, weight] of Object.entries(spec.next)) {
          expect(
            Math.abs((counts[target] ?? 0) / 20_000 - weight / total),
            `${journey.name}.${name} → ${target}`,
          ).toBeLessThan(0.015);
        }
      }
    }
  });

  it('expects per journey what 20,000 walks produce, within 3%', () => {
    for (const journey of Object.values(JOURNEYS)) {
      const expected = expectJourney(journey);
      const { events } = walk(journey, 20_000, new Rng(5));
      for (const s of ['appEvents', 'clickstream', 'appLogs'] as const) {
        expect(events[s] / 20_000, `${journey.name} ${s}`).toBeCloseTo(expected.events[s], 0);
        if (expected.events[s])
          expect(Math.abs(events[s] / 20_000 / expected.events[s] - 1)).toBeLessThan(0.03);
      }
    }
  });

  it('gives web visitors abandonment and a few orders, and backend logs a realistic level mix', () => {
    const web = expectJourney(JOURNEYS.web).visits;
    expect(web.pay).toBeGreaterThan(0.01);
    expect(web.pay).toBeLessThan(0.06);
    const logs = expectJourney(JOURNEYS.service).visits;
    const total = Object.values(logs).reduce((a, b) => a + b, 0);
    const share = (states: string[]) => states.reduce((a, s) => a + (logs[s] ?? 0), 0) / total;
    expect(share(['received', 'done'])).toBeGreaterThan(0.8); // info
    expect(share(['cacheMiss'])).toBeCloseTo(0.071, 3); // debug
    expect(share(['slowQuery'])).toBeCloseTo(0.04, 3); // warn
    expect(share(['failed'])).toBeCloseTo(0.027, 3); // error
    expect(share(['oom'])).toBeCloseTo(0.0022, 4); // fatal
  });
});
