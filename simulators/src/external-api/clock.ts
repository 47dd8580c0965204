/** Time seam of the stand-ins: every answer is a pure function of (query, clock), so tests pin the clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to (tests, `--clock <iso>`). */
export class ManualClock implements Clock {
  #now: number;
  constructor(start: number) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  set(ms: number): void {
    this.#now = ms;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}

export const isManualClock = (clock: Clock): clock is ManualClock => clock instanceof ManualClock;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Start of the step that holds `ms` (e.g. the 5-minute observation a weather station last reported). */
export const floorTo = (ms: number, stepMs: number): number => Math.floor(ms / stepMs) * stepMs;

export const iso = (ms: number): string => new Date(ms).toISOString();
