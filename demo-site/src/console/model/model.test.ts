import { describe, expect, it } from 'vitest';
import { BucketCounter } from './buckets';
import { ConsoleState } from './console-state';
import { filtersFromQuery, filtersToQuery, matches, NO_FILTERS } from './filters';
import type { ConsoleRecord, Snapshot, Tick } from './protocol';
import { RingBuffer } from './ring-buffer';

const T = 1_800_000_000_000;

const rec = (topic: string, offset: number, over: Partial<ConsoleRecord> = {}): ConsoleRecord => ({
  id: `${topic}/0/${offset}`,
  topic,
  partition: 0,
  offset: String(offset),
  key: `k${offset}`,
  headers: {},
  timestamp: T + offset,
  type: 'track',
  label: 'Booking Started',
  value: JSON.stringify({ n: offset }),
  truncated: false,
  ...over,
});

describe('RingBuffer', () => {
  it('keeps the newest items, newest first, and says what it evicted', () => {
    const ring = new RingBuffer<number>(3);
    expect([1, 2, 3].map((n) => ring.push(n))).toEqual([undefined, undefined, undefined]);
    expect(ring.push(4)).toBe(1);
    expect(ring.newestFirst()).toEqual([4, 3, 2]);
    expect(ring.newestFirst(2)).toEqual([4, 3]);
    expect(ring.size).toBe(3);
    ring.clear();
    expect(ring.newestFirst()).toEqual([]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(/positive integer/);
  });
});

describe('BucketCounter', () => {
  it('counts per topic and per second, with zeros where nothing came', () => {
    const c = new BucketCounter(1_000, 5);
    c.add('a', T + 100);
    c.add('a', T + 900);
    c.add('b', T + 2_500, 3);
    expect(c.window(['a', 'b'], T + 2_999, 3)).toEqual({
      start: T,
      bucketMs: 1_000,
      counts: { a: [2, 0, 0], b: [0, 0, 3] },
    });
  });

  it('computes a rate over complete buckets only', () => {
    const c = new BucketCounter(1_000, 10);
    for (let s = 0; s < 5; s++) c.add('a', T + s * 1_000, 10);
    c.add('a', T + 5_000, 100); // the bucket still filling
    expect(c.rate('a', T + 5_500)).toBe(10);
  });

  it('forgets buckets older than the window and ignores records older than it', () => {
    const c = new BucketCounter(1_000, 3);
    c.add('a', T);
    c.add('a', T + 5_000);
    c.add('a', T + 1_000);
    expect(c.window(['a'], T + 5_000, 3).counts.a).toEqual([0, 0, 1]);
  });

  it('merges a window sent by the server, replacing those buckets', () => {
    const c = new BucketCounter(1_000, 10);
    c.add('a', T, 7);
    c.merge({ start: T, bucketMs: 1_000, counts: { a: [2, 4] } });
    expect(c.window(['a'], T + 1_000, 2).counts.a).toEqual([2, 4]);
  });
});

describe('filters', () => {
  it('round-trip through the URL query, keeping other parameters', () => {
    const f = { topic: 'topic_app_events', type: 'track', text: 'Booking' };
    const query = filtersToQuery(f, '?theme=dark');
    expect(query).toBe('?theme=dark&topic=topic_app_events&type=track&q=Booking');
    expect(filtersFromQuery(query)).toEqual(f);
    expect(filtersToQuery(NO_FILTERS, query)).toBe('?theme=dark');
  });

  it('match topic and type exactly and text anywhere, case-insensitively', () => {
    const r = rec('topic_app_events', 1, { value: '{"city":"Lisbon"}' });
    expect(matches(r, NO_FILTERS)).toBe(true);
    expect(matches(r, { ...NO_FILTERS, topic: 'topic_clickstream' })).toBe(false);
    expect(matches(r, { ...NO_FILTERS, type: 'page' })).toBe(false);
    expect(matches(r, { ...NO_FILTERS, text: 'lisbon' })).toBe(true);
    expect(matches(r, { ...NO_FILTERS, text: 'K1' })).toBe(true);
    expect(matches(r, { ...NO_FILTERS, text: 'porto' })).toBe(false);
  });

  it('cut very long values from the URL', () => {
    expect(filtersFromQuery(`?q=${'x'.repeat(500)}`).text).toHaveLength(200);
  });
});

const window = { start: T, bucketMs: 1_000, counts: {} };
const source = { kind: 'local', describe: 'local logs', readable: true } as const;
const snapshot = (records: ConsoleRecord[]): Snapshot => ({
  now: T,
  topics: ['a', 'b'],
  totals: { a: records.length, b: 0 },
  perSecond: window,
  perMinute: { ...window, bucketMs: 60_000 },
  records,
  deadLetters: [],
  health: [],
  source,
});
const tick = (records: ConsoleRecord[]): Tick => ({
  ...snapshot(records),
  skipped: 0,
});

describe('ConsoleState', () => {
  it('lists records newest first, once each, bounded per topic', () => {
    const s = new ConsoleState({ keepPerTopic: 3 });
    s.applySnapshot(snapshot([rec('a', 2), rec('a', 1)]));
    s.applyTick(tick([rec('a', 3), rec('a', 2)]));
    expect(s.visible().map((r) => r.offset)).toEqual(['3', '2', '1']);
    s.applyTick(tick([rec('b', 4), rec('a', 5)]));
    expect(s.visible().map((r) => r.id)).toEqual(['a/0/5', 'b/0/4', 'a/0/3', 'a/0/2']);
    expect(s.record('a/0/1')).toBeUndefined();
    expect(s.record('b/0/4')?.offset).toBe('4');
    // A busy topic does not push out a quiet one.
    s.applyTick(tick([10, 11, 12, 13].map((n) => rec('a', n))));
    expect(s.visible().map((r) => r.id)).toContain('b/0/4');
    expect(s.visible(2).map((r) => r.id)).toEqual(['a/0/13', 'a/0/12']);
  });

  it('counts what arrives while paused, only what matches the filters', () => {
    const s = new ConsoleState();
    s.applySnapshot(snapshot([]));
    s.filters = { ...NO_FILTERS, topic: 'a' };
    s.setPaused(true);
    s.applyTick(tick([rec('a', 1), rec('b', 2), rec('a', 3)]));
    expect(s.newWhilePaused).toBe(2);
    s.setPaused(false);
    expect(s.newWhilePaused).toBe(0);
  });

  it('offers the types seen, of the selected topic', () => {
    const s = new ConsoleState();
    s.applySnapshot(snapshot([rec('a', 1, { type: 'page' }), rec('b', 2, { type: 'u' }), rec('a', 3)]));
    expect(s.typeOptions()).toEqual(['page', 'track', 'u']);
    s.filters = { ...NO_FILTERS, topic: 'a' };
    expect(s.typeOptions()).toEqual(['page', 'track']);
  });
});
