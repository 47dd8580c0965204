import { describe, expect, it } from 'vitest';
import { createSchedule, dueIntervals, intervalsBetween, latestInterval } from './schedule';

const t = (iso: string) => Date.parse(iso);
const span = (i: { start: number; end: number }) =>
  `${new Date(i.start).toISOString().slice(11, 16)}-${new Date(i.end).toISOString().slice(11, 16)}`;

describe('schedules', () => {
  it('cuts `every` and cron schedules into the same [start, end) intervals', () => {
    const every = createSchedule({ everyMs: 5 * 60_000 });
    const cron = createSchedule({ cron: '*/5 * * * *' });
    for (const s of [every, cron]) {
      expect(s.floor(t('2026-01-01T10:07:30Z'))).toBe(t('2026-01-01T10:05:00Z'));
      expect(s.floor(t('2026-01-01T10:05:00Z'))).toBe(t('2026-01-01T10:05:00Z'));
      expect(s.next(t('2026-01-01T10:05:00Z'))).toBe(t('2026-01-01T10:10:00Z'));
      expect(s.prev(t('2026-01-01T10:05:00Z'))).toBe(t('2026-01-01T10:00:00Z'));
      expect(span(latestInterval(s, t('2026-01-01T10:07:30Z')))).toBe('10:00-10:05');
    }
  });

  it('shifts `every` by its offset, and reads cron in a timezone', () => {
    const hourlyAt5 = createSchedule({ everyMs: 3_600_000, offsetMs: 5 * 60_000 });
    expect(hourlyAt5.floor(t('2026-01-01T10:04:00Z'))).toBe(t('2026-01-01T09:05:00Z'));
    const paris9am = createSchedule({ cron: '0 9 * * *', timezone: 'Europe/Paris' });
    expect(paris9am.next(t('2026-01-01T00:00:00Z'))).toBe(t('2026-01-01T08:00:00Z'));
  });

  it('is due: the latest interval on a first start, every missed one after an outage, capped', () => {
    const s = createSchedule({ everyMs: 60_000 });
    const now = t('2026-01-01T10:07:10Z');
    expect(dueIntervals(s, undefined, now, 10).due.map(span)).toEqual(['10:06-10:07']);
    expect(dueIntervals(s, t('2026-01-01T10:07:00Z'), now, 10).due).toEqual([]);
    const outage = dueIntervals(s, t('2026-01-01T10:03:00Z'), now, 10);
    expect(outage.due.map(span)).toEqual(['10:03-10:04', '10:04-10:05', '10:05-10:06', '10:06-10:07']);
    expect(outage.skipped).toBeUndefined();
    const capped = dueIntervals(s, t('2026-01-01T09:00:00Z'), now, 2);
    expect(capped.due.map(span)).toEqual(['10:05-10:06', '10:06-10:07']);
    expect(capped.skipped && span(capped.skipped)).toBe('09:00-10:05');
    // No catch-up at all still runs the latest interval.
    expect(dueIntervals(s, t('2026-01-01T09:00:00Z'), now, 0).due.map(span)).toEqual(['10:06-10:07']);
  });

  it('lists the intervals of a backfill range, and refuses huge ones', () => {
    const s = createSchedule({ everyMs: 60 * 60_000 });
    const list = intervalsBetween(s, t('2026-01-01T10:30:00Z'), t('2026-01-01T13:00:00Z'), 100);
    expect(list.map(span)).toEqual(['10:00-11:00', '11:00-12:00', '12:00-13:00']);
    expect(() => intervalsBetween(s, 0, t('2026-01-01T00:00:00Z'), 100)).toThrow(/more than 100 intervals/);
  });
});
