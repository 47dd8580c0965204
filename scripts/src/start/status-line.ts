/** The one live line `npm start` shows: records per topic since start, and each topic's rate. */
import type { TopicCounts } from './topic-counts';

/** Names on the status line; the shortest let nine topics fit an 80-column terminal. */
const NAMES: Readonly<Record<string, readonly [string, string]>> = {
  topic_app_events: ['app', 'app'],
  topic_clickstream: ['clicks', 'clk'],
  topic_app_logs: ['logs', 'log'],
  topic_cdc_changes: ['cdc', 'cdc'],
  topic_external_data: ['external', 'ext'],
  topic_processed_events: ['processed', 'proc'],
  topic_user_state: ['users', 'usr'],
  topic_booking_state: ['bookings', 'bkg'],
  topic_dead_letter: ['dead-letter', 'dlq'],
};

export interface StatusSample {
  readonly at: number;
  readonly counts: TopicCounts;
}

const since = (counts: TopicCounts, base: TopicCounts, topic: string) =>
  Math.max(0, (counts.get(topic) ?? 0) - (base.get(topic) ?? 0));

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1_000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * `0:42 │ app 120 2.0/s · clicks 61 1.0/s · …`: counts since `start`, rates over `previous` → `now`
 * (records per second, one decimal: the seed rates are a few per second). Narrower than that line,
 * `0:42 │ app 120 clk 61 … │ 9.4/s` (counts and the total rate); narrower still, cut with `…`.
 */
export function formatStatus(
  start: StatusSample,
  previous: StatusSample,
  now: StatusSample,
  width = Number.POSITIVE_INFINITY,
): string {
  const seconds = Math.max(0.001, (now.at - previous.at) / 1_000);
  const topics = [...now.counts.keys()];
  const rate = (topic: string) => since(now.counts, previous.counts, topic) / seconds;
  const clock = elapsed(now.at - start.at);
  const full = `${clock} │ ${topics
    .map((t) => `${NAMES[t]?.[0] ?? t} ${since(now.counts, start.counts, t)} ${rate(t).toFixed(1)}/s`)
    .join(' · ')}`;
  if (full.length <= width) return full;
  const total = topics.reduce((sum, t) => sum + rate(t), 0);
  const compact = `${clock} │ ${topics
    .map((t) => `${NAMES[t]?.[1] ?? t} ${since(now.counts, start.counts, t)}`)
    .join(' ')} │ ${total.toFixed(1)}/s`;
  if (compact.length <= width) return compact;
  return `${compact.slice(0, Math.max(1, width - 1))}…`;
}

/** Topics that received nothing since `start`. */
export function silentTopics(start: StatusSample, now: StatusSample): string[] {
  return [...now.counts.keys()].filter((topic) => since(now.counts, start.counts, topic) === 0);
}
