import { describe, expect, it } from 'vitest';
import { formatStatus, silentTopics } from './status-line';
import { TOPIC_NAMES } from './topic-counts';

const sample = (at: number, values: Record<string, number>) => ({
  at,
  counts: new Map(TOPIC_NAMES.map((t) => [t, values[t] ?? 0])),
});

describe('formatStatus', () => {
  it('shows every topic with its records since start and its rate over the last interval', () => {
    const start = sample(0, { topic_app_events: 100 });
    const previous = sample(40_000, { topic_app_events: 180, topic_dead_letter: 1 });
    const now = sample(42_000, { topic_app_events: 190, topic_dead_letter: 1, topic_cdc_changes: 3 });
    const line = formatStatus(start, previous, now);
    expect(line.startsWith('0:42 │ app 90 5.0/s · clicks 0 0.0/s · logs 0 0.0/s · cdc 3 1.5/s')).toBe(true);
    expect(line).toContain('dead-letter 1 0.0/s');
    expect(line.split(' · ')).toHaveLength(9);
  });

  it('fits a narrower terminal with counts, short names and the total rate, then cuts', () => {
    const start = sample(0, {});
    const previous = sample(40_000, { topic_app_events: 100 });
    const now = sample(42_000, { topic_app_events: 110, topic_dead_letter: 3, topic_cdc_changes: 2 });
    const line = formatStatus(start, previous, now, 80);
    expect(line).toBe('0:42 │ app 110 clk 0 log 0 cdc 2 ext 0 proc 0 usr 0 bkg 0 dlq 3 │ 7.5/s');
    expect(line.length).toBeLessThanOrEqual(80);
    const cut = formatStatus(start, previous, now, 30);
    expect(cut).toHaveLength(30);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('lists the topics that got nothing since start', () => {
    const start = sample(0, { topic_app_events: 5 });
    const now = sample(1_000, { topic_app_events: 6, topic_clickstream: 2 });
    expect(silentTopics(start, now)).toEqual(
      TOPIC_NAMES.filter((t) => !['topic_app_events', 'topic_clickstream'].includes(t)),
    );
  });
});
