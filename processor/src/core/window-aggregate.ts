/**
 * What one window counts, and the aggregate records it becomes. Every figure is a count, a distinct
 * count over users (whom the inputs are keyed by) or a sum, so a task's figures add up with the other
 * tasks' into the topic's totals. The funnel ignores order inside the window: a user counts at `view`
 * when they searched and viewed in it, at `book` when they also booked, whatever order the events came.
 */
import type { AggregateRecord } from '@inlet/schemas';
import type { BookingChange, EventInput } from './input';
import type { ResolvedCoreOptions } from './options';

const FUNNEL_STEPS = ['search', 'view', 'book'] as const;
type FunnelStep = (typeof FUNNEL_STEPS)[number];
const SEARCH = 1;
const VIEW = 2;
const BOOK = 4;
const STEP_BIT: Record<FunnelStep, number> = { search: SEARCH, view: VIEW, book: BOOK };

/** A window's state as the changelog stores it (plain JSON). */
export interface WindowSnapshot {
  readonly start: number;
  /** How many times its result was emitted (0: not yet). */
  readonly emits: number;
  /** Changed since last emitted. */
  readonly dirty: boolean;
  /** Records counted, of which allowed-late. */
  readonly records: number;
  readonly late: number;
  /** `type\u0000name` → count. */
  readonly events: Readonly<Record<string, number>>;
  readonly users: readonly string[];
  readonly sessions: readonly string[];
  /** user → funnel bits (search 1, view 2, book 4). */
  readonly funnel: Readonly<Record<string, number>>;
  readonly levels: Readonly<Record<string, number>>;
  /** currency → [bookings, amount]. */
  readonly revenue: Readonly<Record<string, readonly [number, number]>>;
}

export class WindowAggregate {
  emits = 0;
  /** Changed since its result was last emitted. */
  dirty = false;
  private records = 0;
  private late = 0;
  private readonly events = new Map<string, number>();
  private readonly users = new Set<string>();
  private readonly sessions = new Set<string>();
  private readonly funnel = new Map<string, number>();
  private readonly levels = new Map<string, number>();
  private readonly revenue = new Map<string, [number, number]>();

  constructor(readonly start: number) {}

  addEvent(e: EventInput, options: ResolvedCoreOptions, late: boolean): void {
    this.count(late);
    const key = `${e.type}\u0000${e.name}`;
    this.events.set(key, (this.events.get(key) ?? 0) + 1);
    this.users.add(e.userKey);
    if (e.sessionId !== undefined) this.sessions.add(`${e.userKey}\u0000${e.sessionId}`);
    if (e.level !== undefined) this.levels.set(e.level, (this.levels.get(e.level) ?? 0) + 1);
    if (e.type === 'track') {
      for (const step of FUNNEL_STEPS) {
        if (options.funnel[step].includes(e.name)) {
          this.funnel.set(e.userKey, (this.funnel.get(e.userKey) ?? 0) | STEP_BIT[step]);
        }
      }
    }
  }

  /** Revenue counts a booking once, when it is created (a snapshot `r` row counts as created). */
  addBooking(change: BookingChange, late: boolean): void {
    this.count(late);
    if (change.op !== 'c' && change.op !== 'r') return;
    const amount = Number(change.row.total_amount);
    const currency = typeof change.row.currency === 'string' ? change.row.currency.trim() : '';
    if (!Number.isFinite(amount) || currency === '') return;
    const sum = this.revenue.get(currency) ?? [0, 0];
    sum[0] += 1;
    sum[1] = round2(sum[1] + amount);
    this.revenue.set(currency, sum);
  }

  private count(late: boolean): void {
    this.records += 1;
    if (late) this.late += 1;
    this.dirty = true;
  }

  /** The window's aggregate records (without keys); `task` says which slice of the inputs they cover. */
  toRecords(windowMs: number, task: number, emittedAt: string): AggregateRecord[] {
    const base = {
      windowStart: new Date(this.start).toISOString(),
      windowEnd: new Date(this.start + windowMs).toISOString(),
      emittedAt,
      task,
      revision: this.emits,
    };
    const out: AggregateRecord[] = [];
    const push = (metric: string, dimensions: AggregateRecord['dimensions'], count: number, value = count) =>
      out.push({ metric, ...base, dimensions, count, value });
    push('records', {}, this.records);
    push('late_records', {}, this.late);
    for (const [key, n] of [...this.events].sort()) {
      const [type = '', name = ''] = key.split('\u0000');
      push('events', { type, name }, n);
    }
    push('active_users', {}, this.users.size);
    push('sessions', {}, this.sessions.size);
    const reached = { search: 0, view: 0, book: 0 };
    for (const bits of this.funnel.values()) {
      if (bits & SEARCH) reached.search += 1;
      if (bits & SEARCH && bits & VIEW) reached.view += 1;
      if (bits & SEARCH && bits & VIEW && bits & BOOK) reached.book += 1;
    }
    for (const step of FUNNEL_STEPS) push('funnel', { step }, reached[step]);
    // count = users who searched (the denominator), so conversions of several tasks can be recombined.
    push(
      'funnel_conversion',
      { from: 'search', to: 'book' },
      reached.search,
      reached.search === 0 ? 0 : reached.book / reached.search,
    );
    for (const [level, n] of [...this.levels].sort()) push('logs_by_level', { level }, n);
    for (const [currency, [n, amount]] of [...this.revenue].sort()) {
      push('booking_revenue', { currency }, n, amount);
    }
    return out;
  }

  snapshot(): WindowSnapshot {
    return {
      start: this.start,
      emits: this.emits,
      dirty: this.dirty,
      records: this.records,
      late: this.late,
      events: Object.fromEntries(this.events),
      users: [...this.users],
      sessions: [...this.sessions],
      funnel: Object.fromEntries(this.funnel),
      levels: Object.fromEntries(this.levels),
      revenue: Object.fromEntries(this.revenue),
    };
  }

  static restore(s: WindowSnapshot): WindowAggregate {
    const w = new WindowAggregate(s.start);
    w.emits = s.emits;
    w.dirty = s.dirty;
    w.records = s.records;
    w.late = s.late;
    for (const [k, v] of Object.entries(s.events)) w.events.set(k, v);
    for (const u of s.users) w.users.add(u);
    for (const x of s.sessions) w.sessions.add(x);
    for (const [k, v] of Object.entries(s.funnel)) w.funnel.set(k, v);
    for (const [k, v] of Object.entries(s.levels)) w.levels.set(k, v);
    for (const [k, [n, a]] of Object.entries(s.revenue)) w.revenue.set(k, [n, a]);
    return w;
  }
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
