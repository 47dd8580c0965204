import { addStats, newStats, pendingEvents, type Stats } from '@inlet/sdk-core';
import { steadyPhase } from './journey';
import { JOURNEYS } from './journeys/index';
import type { LoadPlan } from './profiles';
import { Rng } from './rng';
import { peakTarget, targetAt } from './stages';
import { sampleThink } from './think';
import { makeUser, type UserKind } from './users';
import { VirtualUser, type VuEnv } from './virtual-user';

const TICK_MS = 1_000;

interface Slot {
  generation: number;
  vu: VirtualUser | undefined;
  /** A refill waiting out the pause between two users. */
  timer: unknown;
}

export interface PopulationCounts {
  /** Users whose journey runs now. */
  readonly active: number;
  readonly peakActive: number;
  readonly started: number;
  readonly startedByKind: Record<UserKind, number>;
  /** Cores of users who left that still hold events (flushing, or keeping them for the drain). */
  readonly closing: number;
}

/**
 * Starts, refills and retires virtual users along the plan: in the closed model a slot holds one
 * user at a time and is refilled after the user leaves (plus a pause); in the open model users
 * arrive as a Poisson process and leave after one journey. A user's index, kind and identity are
 * functions of the seed and its slot and generation (or arrival number), never of timing, so a
 * run in virtual time makes the same users as a real one.
 */
export class Population {
  private readonly slots: Slot[] = [];
  private readonly live = new Set<VirtualUser>();
  /**
   * Cores of users who left, with their latest close: flushing, or holding what they could not
   * send by its deadline (as a browser's IndexedDB or an app's disk keeps a queue for the next
   * visit); `stop()` gives every one of them the drain.
   */
  private readonly leaving = new Map<VirtualUser, Promise<void>>();
  private readonly arrivals: Rng;
  private readonly stride: number;
  private readonly finished = newStats();
  private arrived = 0;
  private started = 0;
  private readonly byKind: Record<UserKind, number> = { web: 0, mobile: 0, service: 0 };
  private peakActive = 0;
  private startedAt = 0;
  private stopped = false;
  private tick: unknown;

  constructor(
    private readonly plan: LoadPlan,
    private readonly env: Omit<VuEnv, 'ended'>,
    private readonly closeTimeoutMs = 60_000,
  ) {
    this.arrivals = new Rng(env.seed, 0x0a770000);
    // Closed model: user index = generation × stride + slot, unique and timing-free.
    this.stride = Math.max(1, Math.ceil(Math.max(plan.initial, peakTarget(plan.stages))));
  }

  start(): void {
    const { scheduler } = this.env;
    this.startedAt = scheduler.now();
    if (this.plan.model === 'closed') this.control(0);
    else this.arrive();
  }

  counts(): PopulationCounts {
    return {
      active: this.live.size,
      peakActive: this.peakActive,
      started: this.started,
      startedByKind: { ...this.byKind },
      closing: this.leaving.size,
    };
  }

  /** Counters of every core so far, summed: the finished, the live and the leaving ones. */
  stats(): Stats {
    const total = newStats();
    addStats(total, this.finished);
    for (const vu of this.live) addStats(total, vu.core.stats());
    for (const vu of this.leaving.keys()) addStats(total, vu.core.stats());
    return total;
  }

  /**
   * Ends every journey and closes every core, flushing for up to `drainMs`. Resolves with the
   * summed counters and the events still queued then (cores that did not finish count whole).
   */
  async stop(drainMs: number): Promise<{ left: number; stats: Stats }> {
    this.stopped = true;
    const { scheduler } = this.env;
    scheduler.clearTimeout(this.tick);
    for (const slot of this.slots) scheduler.clearTimeout(slot.timer);
    const users = [...this.live];
    for (const vu of users) vu.halt();
    const leavers = [...this.leaving.keys()];
    let timer: unknown;
    await Promise.race([
      Promise.all([
        ...users.map((vu) => this.retire(vu, drainMs)),
        ...leavers.map((vu) => this.close(vu, drainMs)),
      ]),
      new Promise<void>((resolve) => {
        timer = scheduler.setTimeout(resolve, drainMs + 1_000);
      }),
    ]);
    scheduler.clearTimeout(timer);
    let queued = 0;
    for (const vu of this.leaving.keys()) queued += pendingEvents(vu.core.stats());
    return { left: queued, stats: this.stats() };
  }

  /** Closed model: once a second, bring the slots to the target. */
  private control(elapsed: number): void {
    if (this.stopped) return;
    const target = Math.round(targetAt(this.plan.stages, elapsed, this.plan.initial));
    while (this.slots.length < target) {
      const n = this.slots.length;
      const slot: Slot = { generation: 0, vu: undefined, timer: undefined };
      this.slots.push(slot);
      // Spread new slots over the tick, at an offset that depends on the slot alone.
      const offset = new Rng(this.env.seed, 0x5107 + n).int(TICK_MS);
      // Users there from the start (the seed profile) are caught mid-journey, as on a live platform.
      const steady = elapsed === 0 && n < this.plan.initial;
      slot.timer = this.env.scheduler.setTimeout(() => this.fill(n, steady), offset);
    }
    while (this.slots.length > target) {
      const slot = this.slots.pop();
      this.env.scheduler.clearTimeout(slot?.timer);
      if (slot?.vu) {
        slot.vu.halt();
        void this.retire(slot.vu);
      }
    }
    this.tick = this.env.scheduler.at(this.startedAt + elapsed + TICK_MS, () =>
      this.control(elapsed + TICK_MS),
    );
  }

  private fill(n: number, steady = false): void {
    const slot = this.slots[n];
    if (!slot || this.stopped) return;
    slot.timer = undefined;
    const kind = this.plan.kindOf(n);
    const phase = steady
      ? steadyPhase(JOURNEYS[kind], new Rng(this.env.seed, 0x57ead000 + n), this.plan.thinkScale[kind])
      : undefined;
    if (phase && phase.state === undefined) {
      // Between two users: the next one comes when the pause ends.
      slot.generation++;
      slot.timer = this.env.scheduler.setTimeout(() => this.fill(n), phase.inMs);
      return;
    }
    slot.vu = this.spawn(slot.generation * this.stride + n, kind, n, phase);
  }

  /**
   * Open model: a Poisson process whose rate follows the stages, by thinning: candidates come at
   * the peak rate and each is kept with probability rate(t) / peak.
   */
  private arrive(first = true): void {
    if (this.stopped) return;
    const peak = Math.max(this.plan.initial, peakTarget(this.plan.stages));
    if (!(peak > 0)) return;
    if (!first) {
      const elapsed = this.env.scheduler.now() - this.startedAt;
      const rate = targetAt(this.plan.stages, elapsed, this.plan.initial);
      if (this.arrivals.next() * peak < rate) {
        const n = this.arrived++;
        this.spawn(n, this.plan.kindOf(n), n);
      }
    }
    this.tick = this.env.scheduler.setTimeout(
      () => this.arrive(false),
      this.arrivals.exponential(1_000 / peak),
    );
  }

  private spawn(
    index: number,
    kind: UserKind,
    slotOrArrival: number,
    phase?: { state: string | undefined; inMs: number },
  ): VirtualUser {
    // Returning users: a pool a few times the population, so some people come back as themselves.
    const pool = Math.max(20, 4 * this.stride);
    const who = kind === 'service' ? slotOrArrival : new Rng(this.env.seed, 0x00c0ffee ^ index).int(pool);
    const env: VuEnv = { ...this.env, ended: (user) => this.ended(user, slotOrArrival) };
    const vu = new VirtualUser(
      index,
      JOURNEYS[kind],
      makeUser(kind, this.env.seed, who),
      env,
      this.plan.thinkScale[kind],
    );
    this.live.add(vu);
    this.started++;
    this.byKind[kind]++;
    if (this.live.size > this.peakActive) this.peakActive = this.live.size;
    if (phase?.state === undefined) vu.start();
    else vu.startIn(phase.state, phase.inMs);
    return vu;
  }

  private ended(vu: VirtualUser, n: number): void {
    void this.retire(vu);
    if (this.plan.model !== 'closed' || this.stopped) return;
    const slot = this.slots[n];
    if (!slot || slot.vu !== vu) return;
    slot.vu = undefined;
    slot.generation++;
    const pause = sampleThink(vu.journey.between, vu.rng, this.plan.thinkScale[this.plan.kindOf(n)]);
    slot.timer = this.env.scheduler.setTimeout(() => this.fill(n), pause);
  }

  /** The user left: its core flushes what it holds (the page unloads). */
  private retire(vu: VirtualUser, timeoutMs = this.closeTimeoutMs): Promise<void> {
    if (!this.live.delete(vu)) return Promise.resolve();
    return this.close(vu, timeoutMs);
  }

  /** Closes a leaving core; once empty (or failed) it is let go, else it keeps its queue for `stop()`. */
  private close(vu: VirtualUser, timeoutMs: number): Promise<void> {
    const closing: Promise<void> = vu.core.close(timeoutMs).then(
      (left) => {
        if (left > 0 || this.leaving.get(vu) !== closing) return;
        this.letGo(vu);
      },
      () => {
        if (this.leaving.get(vu) === closing) this.letGo(vu);
      },
    );
    this.leaving.set(vu, closing);
    return closing;
  }

  private letGo(vu: VirtualUser): void {
    addStats(this.finished, vu.core.stats());
    this.leaving.delete(vu);
  }
}
