import type { EventType } from '@inlet/schemas';
import type { Rng } from './rng';
import { meanThink, sampleThink, type Think } from './think';
import type { VuApi } from './vu-api';

/** The app topics a virtual user's events land on (gateway routing: click, log, the rest). */
export const STREAMS = ['appEvents', 'clickstream', 'appLogs'] as const;
export type Stream = (typeof STREAMS)[number];

export const streamOf = (type: EventType): Stream =>
  type === 'click' ? 'clickstream' : type === 'log' ? 'appLogs' : 'appEvents';

/** One SDK call a state makes; `type` says which, so rates are known without running it. */
export interface Emit {
  readonly type: EventType;
  readonly run: (u: VuApi) => void;
}

export const EXIT = 'exit';

export interface StateSpec {
  /** Calls made on entering the state, in order. */
  readonly emit: readonly Emit[];
  /** Time spent in the state before moving on. */
  readonly think: Think;
  /** Next states by weight; `exit` ends the journey. */
  readonly next: Readonly<Record<string, number>>;
}

/** A journey as a declarative state machine: weighted starts, states, weighted transitions. */
export interface Journey {
  readonly name: string;
  readonly start: Readonly<Record<string, number>>;
  readonly states: Readonly<Record<string, StateSpec>>;
  /** In the closed model, the pause before the next user takes the slot. */
  readonly between: Think;
}

export const firstState = (journey: Journey, rng: Rng): string => rng.weighted(journey.start);

/** The state after `state`, or `exit`. */
export function nextState(journey: Journey, state: string, rng: Rng): string {
  const spec = journey.states[state];
  if (!spec) throw new Error(`journey ${journey.name} has no state "${state}"`);
  return rng.weighted(spec.next);
}

/** Problems with a journey's shape: unknown targets, bad weights, states from which no exit is reachable. */
export function journeyProblems(journey: Journey): string[] {
  const problems: string[] = [];
  const names = Object.keys(journey.states);
  const check = (where: string, weights: Readonly<Record<string, number>>) => {
    let total = 0;
    for (const [target, w] of Object.entries(weights)) {
      if (target !== EXIT && !journey.states[target]) problems.push(`${where} → unknown state "${target}"`);
      if (!(w >= 0)) problems.push(`${where} → ${target}: weight ${w} is not ≥ 0`);
      total += w;
    }
    if (!(total > 0)) problems.push(`${where}: no positive weight`);
  };
  check('start', journey.start);
  for (const name of names) check(name, journey.states[name]?.next ?? {});
  // Backwards from exit: every state must be able to end.
  const ends = new Set<string>([EXIT]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const name of names) {
      const next = journey.states[name]?.next ?? {};
      if (!ends.has(name) && Object.entries(next).some(([t, w]) => w > 0 && ends.has(t))) {
        ends.add(name);
        grew = true;
      }
    }
  }
  for (const name of names)
    if (!ends.has(name)) problems.push(`${name}: the journey can never end from here`);
  return problems;
}

export interface JourneyExpectation {
  /** Expected visits of each state per journey. */
  readonly visits: Readonly<Record<string, number>>;
  /** Expected events per journey, by topic. */
  readonly events: Readonly<Record<Stream, number>>;
  /** Expected length of a journey, think times and the `between` pause included, ms. */
  readonly ms: number;
  /** Expected events per minute of one user in the closed model (journeys back to back), by topic. */
  readonly perMinute: Readonly<Record<Stream, number>>;
}

/** Exact expectations of an absorbing Markov chain: visits v = start + v·Q, iterated to a fixed point. */
export function expectJourney(journey: Journey): JourneyExpectation {
  const names = Object.keys(journey.states);
  const norm = (weights: Readonly<Record<string, number>>) => {
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    return Object.entries(weights).map(([k, w]) => [k, w / total] as const);
  };
  const start = Object.fromEntries(norm(journey.start));
  const edges = Object.fromEntries(names.map((n) => [n, norm(journey.states[n]?.next ?? {})]));
  let visits: Record<string, number> = Object.fromEntries(names.map((n) => [n, start[n] ?? 0]));
  for (let i = 0; i < 100_000; i++) {
    const next: Record<string, number> = Object.fromEntries(names.map((n) => [n, start[n] ?? 0]));
    for (const from of names) {
      for (const [to, p] of edges[from] ?? [])
        if (to !== EXIT) next[to] = (next[to] ?? 0) + (visits[from] ?? 0) * p;
    }
    const change = names.reduce((m, n) => Math.max(m, Math.abs((next[n] ?? 0) - (visits[n] ?? 0))), 0);
    visits = next;
    if (change < 1e-12) break;
  }
  const events: Record<Stream, number> = { appEvents: 0, clickstream: 0, appLogs: 0 };
  let ms = meanThink(journey.between);
  for (const name of names) {
    const spec = journey.states[name];
    const v = visits[name] ?? 0;
    if (!spec) continue;
    ms += v * meanThink(spec.think);
    for (const e of spec.emit) events[streamOf(e.type)] += v;
  }
  const perMinute = { ...events };
  for (const s of STREAMS) perMinute[s] = (events[s] * 60_000) / ms;
  return { visits, events, ms, perMinute };
}

const expectations = new WeakMap<Journey, JourneyExpectation>();

/**
 * Where a user who has been around for a while is now: a state drawn by its share of a journey's
 * time (or the pause between two users, `state` undefined), and how long until they move on. A
 * run whose users start here runs at its long-term rate from the first second, instead of with
 * every user opening the app at once.
 */
export function steadyPhase(
  journey: Journey,
  rng: Rng,
  scale: number,
): { state: string | undefined; inMs: number } {
  let x = expectations.get(journey);
  if (!x) {
    x = expectJourney(journey);
    expectations.set(journey, x);
  }
  const pause = '\u0000between';
  const weights: Record<string, number> = { [pause]: meanThink(journey.between) };
  for (const [name, spec] of Object.entries(journey.states))
    weights[name] = (x.visits[name] ?? 0) * meanThink(spec.think);
  const state = rng.weighted(weights);
  const think = state === pause ? journey.between : (journey.states[state]?.think ?? journey.between);
  return { state: state === pause ? undefined : state, inMs: rng.next() * sampleThink(think, rng, scale) };
}
