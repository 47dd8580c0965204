// @vitest-environment node
import { resolveTopicNames } from '@inlet/schemas';
import type { StoredRecord } from '@inlet/streams';
import { describe, expect, it } from 'vitest';
import { VALUE_LIMIT } from '../../src/console/model/protocol';
import { ConsoleStore } from './console-store';
import { summarize, topicKeys } from './summarize';

const T = 1_800_000_000_000;
const names = resolveTopicNames();
const keys = topicKeys(names);
let offset = 0;
const stored = (topic: string, value: unknown, over: Partial<StoredRecord> = {}): StoredRecord => ({
  topic,
  partition: 0,
  offset: String(offset++),
  key: 'k',
  headers: {},
  timestamp: T,
  value: typeof value === 'string' || value === null ? value : JSON.stringify(value),
  ...over,
});

describe('summarize', () => {
  it.each([
    [
      names.appEvents,
      { type: 'track', event: 'Booking Completed' },
      { 'event-type': 'track' },
      ['track', 'Booking Completed'],
    ],
    [
      names.cdcChanges,
      { op: 'u', source: { schema: 'public', table: 'bookings' } },
      {},
      ['u', 'public.bookings'],
    ],
    [
      names.externalData,
      { source: 'weather-current', entity: 'city:paris' },
      {},
      ['weather-current', 'city:paris'],
    ],
    [names.bookingState, { status: 'confirmed', bookingId: 'b-1' }, {}, ['confirmed', 'b-1']],
    [
      names.clickstream,
      { type: 'click', element: { tag: 'button', text: 'Book now' } },
      {},
      ['click', 'Book now'],
    ],
    [
      names.appLogs,
      { type: 'log', level: 'error', message: 'payment failed' },
      {},
      ['log', 'error: payment failed'],
    ],
    [
      names.deadLetter,
      { reason: 'invalid_event', source: 'gateway', originalTopic: 'topic_app_events' },
      {},
      ['invalid_event', 'gateway → topic_app_events'],
    ],
  ])('gives %s records a type and a label', (topic, value, headers, [type, label]) => {
    expect(summarize(stored(topic, value, { headers }), keys)).toMatchObject({ type, label });
  });

  it('lists values that are not JSON, tombstones, and cuts long values', () => {
    expect(summarize(stored(names.appEvents, '<script>'), keys)).toMatchObject({
      type: 'unparsed',
      value: '<script>',
    });
    expect(summarize(stored(names.userState, null), keys)).toMatchObject({ type: 'tombstone', value: null });
    const long = summarize(stored(names.appEvents, { type: 'track', event: 'x'.repeat(VALUE_LIMIT) }), keys);
    expect(long.truncated).toBe(true);
    expect(long.value).toHaveLength(VALUE_LIMIT);
  });
});

describe('ConsoleStore', () => {
  it('counts totals, rates and dead-letter reasons, and hands each record to one tick', () => {
    const store = new ConsoleStore(names, { now: () => T + 5_000 });
    store.add(stored(names.appEvents, { type: 'page', name: 'Home' }, { timestamp: T + 1_000 }));
    store.add(stored(names.appEvents, { type: 'page', name: 'Search' }, { timestamp: T + 1_500 }));
    const dl = {
      reason: 'invalid_event',
      source: 'gateway',
      errors: [{ path: ['batch', 0, 'event'], message: 'is required' }],
    };
    store.add(stored(names.deadLetter, dl, { timestamp: T + 2_000 }));
    store.add(stored(names.deadLetter, dl, { timestamp: T + 2_000 }));
    expect(store.totals()).toMatchObject({
      [names.appEvents]: 2,
      [names.deadLetter]: 2,
      [names.cdcChanges]: 0,
    });
    expect(store.perSecond.window([names.appEvents], T + 2_000, 2).counts[names.appEvents]).toEqual([2, 0]);
    expect(store.deadLetters()).toEqual([
      {
        reason: 'invalid_event',
        source: 'gateway',
        count: 2,
        lastAt: T + 2_000,
        example: 'batch.0.event: is required',
      },
    ]);
    expect(store.takePending().records).toHaveLength(4);
    expect(store.takePending().records).toHaveLength(0);
    expect(store.recent()[0]?.type).toBe('invalid_event');
  });

  it('stays bounded: records kept per topic, records per tick, and a clock ahead of ours', () => {
    const store = new ConsoleStore(names, { keepPerTopic: 5, tickPerTopic: 3, now: () => T });
    for (let i = 0; i < 20; i++)
      store.add(stored(names.clickstream, { type: 'click' }, { timestamp: T + 3_600_000 }));
    expect(store.recent()).toHaveLength(5);
    expect(store.takePending()).toMatchObject({ skipped: 17 });
    expect(store.totals()[names.clickstream]).toBe(20);
    // Records from the future count in the current second, not an hour ahead.
    expect(store.perSecond.window([names.clickstream], T, 1).counts[names.clickstream]).toEqual([20]);
  });
});
