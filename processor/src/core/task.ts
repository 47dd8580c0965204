/**
 * One task of the processor: the records of one input partition number (or, embedded, all inputs).
 * Pure and synchronous: records in, output records out, state as plain JSON. The runtimes (Kafka,
 * local log) decide when outputs and state are made durable, together with the input positions.
 *
 * Watermark = largest event time seen − out-of-orderness. A window [start, end) is emitted once the
 * watermark reaches `end`, re-emitted on the same key when an event arrives while the watermark is
 * before `end + grace`, and dropped after that; an event all of whose windows were dropped is
 * dead-lettered.
 */
import {
  type AggregateRecord,
  type BookingStateRecord,
  DEAD_LETTER_REASONS,
  type DeadLetterRecord,
} from '@inlet/schemas';
import type { StoredRecord } from '@inlet/streams';
import { reduceBooking, reduceUser, type UserState } from './entity-state';
import { type BookingChange, type DecodedInput, decodeInput, type EventInput, type InputRole } from './input';
import type { ResolvedCoreOptions } from './options';
import { WindowAggregate, type WindowSnapshot } from './window-aggregate';
import { windowStarts } from './windows';

export type TaskOutput =
  | { readonly kind: 'aggregate'; readonly key: string; readonly value: AggregateRecord }
  | { readonly kind: 'user'; readonly key: string; readonly value: UserState }
  | { readonly kind: 'booking'; readonly key: string; readonly value: BookingStateRecord | null }
  | { readonly kind: 'dead'; readonly key: string | null; readonly value: DeadLetterRecord };

/** The window part of a task's state (entity state lives in the state topics). */
export interface TaskSnapshot {
  readonly maxEventTime: number | null;
  readonly watermark: number | null;
  readonly windows: readonly WindowSnapshot[];
}

export interface TaskCounters {
  records: number;
  lateAccepted: number;
  lateDropped: number;
  invalid: number;
  windowsEmitted: number;
}

/** An input record with where it came from (for dead letters). */
export interface TaskInput {
  readonly role: InputRole;
  readonly record: Pick<StoredRecord, 'topic' | 'key' | 'value'>;
}

export class TaskProcessor {
  readonly counters: TaskCounters = {
    records: 0,
    lateAccepted: 0,
    lateDropped: 0,
    invalid: 0,
    windowsEmitted: 0,
  };
  private readonly windows = new Map<number, WindowAggregate>();
  private readonly users = new Map<string, UserState>();
  private readonly bookings = new Map<string, BookingStateRecord>();
  private readonly changedUsers = new Set<string>();
  private readonly changedBookings = new Map<string, BookingStateRecord | null>();
  private outputs: TaskOutput[] = [];
  private maxEventTime: number | null;
  private watermark: number | null;
  /** Processing time of the last input, for idleness. */
  private lastInputAt: number | undefined;

  constructor(
    readonly task: number,
    private readonly options: ResolvedCoreOptions,
    snapshot?: TaskSnapshot,
    now = Date.now(),
  ) {
    this.maxEventTime = snapshot?.maxEventTime ?? null;
    // Idleness counts from the restore, so windows still close when no input comes after a restart.
    if (this.maxEventTime !== null) this.lastInputAt = now;
    this.watermark = snapshot?.watermark ?? null;
    for (const w of snapshot?.windows ?? []) this.windows.set(w.start, WindowAggregate.restore(w));
  }

  /** Loads one entity state read back from a state topic (restore). `null` removes it (a tombstone). */
  restoreUser(key: string, state: UserState | null): void {
    if (state === null) this.users.delete(key);
    else this.users.set(key, state);
  }

  restoreBooking(key: string, state: BookingStateRecord | null): void {
    if (state === null) this.bookings.delete(key);
    else this.bookings.set(key, state);
  }

  get currentWatermark(): number | null {
    return this.watermark;
  }

  /** Counts one input record; `now` is processing time (only idleness uses it). */
  process(input: TaskInput, now = Date.now()): void {
    this.lastInputAt = now;
    this.counters.records += 1;
    const decoded: DecodedInput = decodeInput(input.role, input.record);
    switch (decoded.kind) {
      case 'ignored':
        return;
      case 'invalid':
        this.counters.invalid += 1;
        this.dead(input, DEAD_LETTER_REASONS.invalidRecord, decoded.reason, '');
        return;
      case 'event':
        this.onEvent(input, decoded);
        return;
      case 'booking':
        this.onBooking(input, decoded);
        return;
    }
  }

  /**
   * With no input for `idleMs`, moves event time on with the wall clock (from the last input) so
   * windows close when traffic stops. Returns whether the watermark moved.
   */
  advanceIdle(now = Date.now()): boolean {
    const { idleMs, outOfOrdernessMs } = this.options;
    if (idleMs === 0 || this.lastInputAt === undefined || this.maxEventTime === null) return false;
    const idleFor = now - this.lastInputAt;
    if (idleFor < idleMs) return false;
    const candidate = this.maxEventTime + idleFor - outOfOrdernessMs;
    if (this.watermark !== null && candidate <= this.watermark) return false;
    this.watermark = candidate;
    return true;
  }

  /**
   * Emits what the records since the last call produced: window results whose end the watermark
   * passed (and updates of emitted ones), changed entity states, dead letters. `emittedAt` stamps them.
   */
  drain(emittedAt = new Date().toISOString()): TaskOutput[] {
    const wm = this.watermark;
    const { windowMs, graceMs } = this.options;
    for (const [start, w] of [...this.windows].sort((a, b) => a[0] - b[0])) {
      if (wm === null || wm < start + windowMs) continue;
      if (w.dirty) {
        for (const value of w.toRecords(windowMs, this.task, emittedAt)) {
          this.outputs.push({ kind: 'aggregate', key: aggregateKey(value, this.task), value });
        }
        w.emits += 1;
        w.dirty = false;
        this.counters.windowsEmitted += 1;
      }
      if (wm >= start + windowMs + graceMs) this.windows.delete(start);
    }
    for (const key of this.changedUsers) {
      const value = this.users.get(key);
      if (value !== undefined) this.outputs.push({ kind: 'user', key, value });
    }
    for (const [key, value] of this.changedBookings) this.outputs.push({ kind: 'booking', key, value });
    this.changedUsers.clear();
    this.changedBookings.clear();
    const out = this.outputs;
    this.outputs = [];
    return out;
  }

  /** Whether `drain()` would return something: a window due (or updated) past the watermark, state or dead letters. */
  hasPendingOutput(): boolean {
    if (this.outputs.length > 0 || this.changedUsers.size > 0 || this.changedBookings.size > 0) return true;
    const wm = this.watermark;
    if (wm === null) return false;
    for (const [start, w] of this.windows)
      if (
        wm >= start + this.options.windowMs &&
        (w.dirty || wm >= start + this.options.windowMs + this.options.graceMs)
      )
        return true;
    return false;
  }

  snapshot(): TaskSnapshot {
    return {
      maxEventTime: this.maxEventTime,
      watermark: this.watermark,
      windows: [...this.windows.values()].map((w) => w.snapshot()),
    };
  }

  private onEvent(input: TaskInput, e: EventInput): void {
    if (!this.window(input, e.eventTime, (w, late) => w.addEvent(e, this.options, late))) return;
    this.users.set(e.userKey, reduceUser(this.users.get(e.userKey), e));
    this.changedUsers.add(e.userKey);
  }

  private onBooking(input: TaskInput, c: BookingChange): void {
    // Booking state follows every change, however late: it is the row's latest state, not a window's.
    const prev = this.bookings.get(c.bookingId);
    const next = reduceBooking(prev, c);
    if (next !== prev) {
      if (next === null) this.bookings.delete(c.bookingId);
      else if (next !== undefined) this.bookings.set(c.bookingId, next);
      if (next !== undefined) this.changedBookings.set(c.bookingId, next);
    }
    this.window(input, c.eventTime, (w, late) => w.addBooking(c, late));
  }

  /** Adds to every window of `eventTime` still open; false (and a dead letter) when none is. */
  private window(
    input: TaskInput,
    eventTime: number,
    add: (w: WindowAggregate, late: boolean) => void,
  ): boolean {
    const { windowMs, hopMs, graceMs, outOfOrdernessMs } = this.options;
    const wm = this.watermark;
    let accepted = false;
    let late = false;
    for (const start of windowStarts(eventTime, windowMs, hopMs)) {
      const end = start + windowMs;
      if (wm !== null && wm >= end + graceMs) continue;
      const isLate = wm !== null && wm >= end;
      let w = this.windows.get(start);
      if (w === undefined) {
        w = new WindowAggregate(start);
        this.windows.set(start, w);
      }
      add(w, isLate);
      accepted = true;
      late ||= isLate;
    }
    if (late) this.counters.lateAccepted += 1;
    if (this.maxEventTime === null || eventTime > this.maxEventTime) {
      this.maxEventTime = eventTime;
      const next = eventTime - outOfOrdernessMs;
      if (wm === null || next > wm) this.watermark = next;
    }
    if (!accepted) {
      this.counters.lateDropped += 1;
      const behind = (wm ?? 0) - eventTime;
      this.dead(
        input,
        DEAD_LETTER_REASONS.tooLate,
        `too late: event time ${new Date(eventTime).toISOString()} is ${behind} ms behind the watermark ${new Date(wm ?? 0).toISOString()}, more than the window plus the allowed lateness (${windowMs + graceMs} ms); raise --grace to keep such events`,
        'timestamp',
      );
    }
    return accepted;
  }

  private dead(input: TaskInput, reason: DeadLetterRecord['reason'], message: string, path: string): void {
    const { record } = input;
    const raw =
      record.value === null
        ? ''
        : typeof record.value === 'string'
          ? record.value
          : Buffer.from(record.value).toString('utf8');
    let payload: DeadLetterRecord['payload'];
    try {
      payload = { format: 'json', value: JSON.parse(raw) };
    } catch {
      payload = { format: 'text', text: raw };
    }
    const value: DeadLetterRecord = {
      reason,
      errors: [{ path, message }],
      payload,
      source: 'processor',
      receivedAt: new Date(this.lastInputAt ?? Date.now()).toISOString(),
      originalTopic: record.topic,
      ...(record.key === null ? {} : { originalKey: record.key }),
    };
    this.outputs.push({ kind: 'dead', key: record.key, value });
  }
}

/** `windowStart|metric|dimensions|task`: the same window, figure and slice always land on one key. */
export function aggregateKey(r: AggregateRecord, task: number): string {
  const dims = Object.keys(r.dimensions)
    .sort()
    .map((k) => `${k}=${String(r.dimensions[k])}`)
    .join(',');
  return `${r.windowStart}|${r.metric}|${dims}|t${task}`;
}
