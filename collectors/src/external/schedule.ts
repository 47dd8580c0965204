/**
 * Schedules cut time into data intervals, as Airflow does: a run covers [start, end) and is due once
 * `end` has passed. `every` intervals are aligned to the epoch (plus an offset), cron intervals lie
 * between consecutive fire times (croner, UTC unless a timezone is given).
 */
import { Cron } from 'croner';

export interface Interval {
  readonly start: number;
  readonly end: number;
}

export interface Schedule {
  /** Human form for logs and errors: `every 60000 ms` or `cron "*\/5 * * * *"`. */
  readonly describe: string;
  /** The last boundary at or before `t`. */
  floor(t: number): number;
  /** The first boundary strictly after `t`. */
  next(t: number): number;
  /** The last boundary strictly before `t`. */
  prev(t: number): number;
}

export type ScheduleSpec =
  | { readonly everyMs: number; readonly offsetMs?: number }
  | { readonly cron: string; readonly timezone?: string };

export function createSchedule(spec: ScheduleSpec): Schedule {
  if ('everyMs' in spec) {
    const every = spec.everyMs;
    const offset = spec.offsetMs ?? 0;
    const floor = (t: number) => Math.floor((t - offset) / every) * every + offset;
    return {
      describe: `every ${every} ms`,
      floor,
      next: (t) => floor(t) + every,
      prev: (t) => (floor(t) === t ? t - every : floor(t)),
    };
  }
  const cron = new Cron(spec.cron, { paused: true, timezone: spec.timezone ?? 'UTC' });
  const never = () => {
    throw new Error(`cron "${spec.cron}" has no more fire times`);
  };
  return {
    describe: `cron "${spec.cron}"`,
    floor: (t) => cron.previousRuns(1, new Date(t + 1))[0]?.getTime() ?? never(),
    next: (t) => cron.nextRun(new Date(t))?.getTime() ?? never(),
    prev: (t) => cron.previousRuns(1, new Date(t))[0]?.getTime() ?? never(),
  };
}

/** The latest complete interval at `now`. */
export function latestInterval(schedule: Schedule, now: number): Interval {
  const end = schedule.floor(now);
  return { start: schedule.prev(end), end };
}

/**
 * Complete intervals that ended after `after` (exclusive) and at or before `now`, oldest first, at most
 * `max` of them (the most recent); `skipped` counts the older ones left out. With no `after` (first
 * start), only the latest interval is due.
 */
export function dueIntervals(
  schedule: Schedule,
  after: number | undefined,
  now: number,
  max: number,
): { due: Interval[]; skipped: Interval | undefined } {
  const latest = latestInterval(schedule, now);
  if (after === undefined) return { due: [latest], skipped: undefined };
  const due: Interval[] = [];
  let end = latest.end;
  while (end > after && due.length < Math.max(1, max)) {
    const start = schedule.prev(end);
    due.unshift({ start, end });
    end = start;
  }
  const skipped = end > after ? { start: after, end } : undefined;
  return { due, skipped };
}

/** Every interval that overlaps [from, to), oldest first, for a backfill. */
export function intervalsBetween(schedule: Schedule, from: number, to: number, max: number): Interval[] {
  const out: Interval[] = [];
  for (let start = schedule.floor(from); start < to; start = schedule.next(start)) {
    out.push({ start, end: schedule.next(start) });
    if (out.length > max) {
      throw new Error(`the range holds more than ${max} intervals of ${schedule.describe}; narrow it`);
    }
  }
  return out;
}
