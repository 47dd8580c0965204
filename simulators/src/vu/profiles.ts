import { expectJourney, type Stream } from './journey';
import { JOURNEYS } from './journeys/index';
import { Rng } from './rng';
import { constant, rampHoldDown, type Stage } from './stages';
import { USER_KINDS, type UserKind } from './users';

export const PROFILE_NAMES = ['seed', 'load'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * The documented rates of the data platform Inlet re-creates (events per minute): mobile 50–100,
 * web 30–60, clickstream 60. Application logs have no documented rate; 20/min is ours.
 */
export const SEED_RATES = {
  /** Clicks of web visitors. */
  clickstream: 60,
  /** Everything mobile app users send (screens, tracks, identifies and their app logs). */
  mobile: 75,
  /** Request logs of backend services. */
  serviceLogs: 20,
} as const;

/** Users per kind in the seed profile: a handful, as a small live platform has. */
export const SEED_USERS: Readonly<Record<UserKind, number>> = { web: 16, mobile: 16, service: 3 };

/** Share of each kind in the load profile's population. */
export const LOAD_MIX: Readonly<Record<UserKind, number>> = { web: 0.55, mobile: 0.4, service: 0.05 };

export interface LoadPlan {
  readonly profile: ProfileName;
  readonly model: 'closed' | 'open';
  /** Concurrent users (closed) or arrivals per second (open) over time. */
  readonly stages: readonly Stage[];
  /** The target at time 0 (the seed profile starts at full strength). */
  readonly initial: number;
  /** The kind of user in closed-model slot `slot`, or of arrival `n` (open). */
  readonly kindOf: (n: number) => UserKind;
  /** Think times of each kind are multiplied by this. */
  readonly thinkScale: Readonly<Record<UserKind, number>>;
}

const sum = (perMinute: Readonly<Record<Stream, number>>) =>
  perMinute.appEvents + perMinute.clickstream + perMinute.appLogs;

/**
 * Think-time scales that make `SEED_USERS` produce `SEED_RATES` × `speed` in expectation
 * (renewal-reward: a user's rate is events per journey over time per journey, and scaling every
 * think time by s divides it by s).
 */
export function seedThinkScale(speed = 1): Record<UserKind, number> {
  const web = expectJourney(JOURNEYS.web).perMinute.clickstream * SEED_USERS.web;
  const mobile = sum(expectJourney(JOURNEYS.mobile).perMinute) * SEED_USERS.mobile;
  const service = expectJourney(JOURNEYS.service).perMinute.appLogs * SEED_USERS.service;
  return {
    web: web / (SEED_RATES.clickstream * speed),
    mobile: mobile / (SEED_RATES.mobile * speed),
    service: service / (SEED_RATES.serviceLogs * speed),
  };
}

/** Expected events per minute on each app topic for a closed population. */
export function expectedPerMinute(
  users: Readonly<Record<UserKind, number>>,
  thinkScale: Readonly<Record<UserKind, number>>,
): Record<Stream, number> {
  const out: Record<Stream, number> = { appEvents: 0, clickstream: 0, appLogs: 0 };
  for (const kind of USER_KINDS) {
    const { perMinute } = expectJourney(JOURNEYS[kind]);
    for (const s of Object.keys(out) as Stream[]) out[s] += (perMinute[s] * users[kind]) / thinkScale[kind];
  }
  return out;
}

export interface PlanOptions {
  readonly profile: ProfileName;
  readonly durationMs: number;
  readonly seed: number;
  /** Closed model: concurrent users (load profile). @default 1_000 */
  readonly vus?: number;
  /** Open model: arrivals per second (load profile). */
  readonly rate?: number;
  /** Replaces the default shape. */
  readonly stages?: readonly Stage[];
  /** Rates × this (think times ÷ this): a faster run of the same behaviour. @default 1 */
  readonly speed?: number;
}

export function planLoad(o: PlanOptions): LoadPlan {
  const speed = o.speed ?? 1;
  if (o.profile === 'seed') {
    const slots = SEED_USERS.web + SEED_USERS.mobile + SEED_USERS.service;
    return {
      profile: 'seed',
      model: 'closed',
      stages: o.stages ?? constant(o.durationMs, slots),
      initial: o.stages ? 0 : slots,
      kindOf: (slot) =>
        slot < SEED_USERS.web ? 'web' : slot < SEED_USERS.web + SEED_USERS.mobile ? 'mobile' : 'service',
      thinkScale: seedThinkScale(speed),
    };
  }
  const open = o.rate !== undefined;
  const target = open ? (o.rate as number) : (o.vus ?? 1_000);
  const scale = 1 / speed;
  return {
    profile: 'load',
    model: open ? 'open' : 'closed',
    stages: o.stages ?? rampHoldDown(o.durationMs, target),
    initial: 0,
    // A draw per slot, not a running count: slot n's kind never depends on the others.
    kindOf: (n) => new Rng(o.seed, 0x51000000 + n).weighted(LOAD_MIX),
    thinkScale: { web: scale, mobile: scale, service: scale },
  };
}
