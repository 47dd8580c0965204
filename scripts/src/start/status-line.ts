/** The one live line `npm start` shows: records per topic since start, and each topic's rate. */
import type { TopicCounts } from './topic-counts';

/** Short names, so that nine topics fit one terminal line. */
const SHORT: Readonly<Record<string, string>> = {
  topic_app_events: 'app',
  topic_clickstream: 'clicks',
  topic_app_logs: 'logs',
  topic_cdc_changes: 'cdc',
  topic_external_data: 'external',
  topic_processed_events: 'processed',
  topic_user_state: 'users',
  topic_booking_state: 'bookings',
  topic_dead_letter: 'dead-letter',
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
 * `0:42 │ app 120 2.0/s · clicks 61 1.0/s · … ` — counts since `start`, rates over `previous` → `now`
 * (records per second; `/min` below 1/s would hide the seed rates, so one decimal).
 */
export function formatStatus(start: StatusSample, previous: StatusSample, now: StatusSample): string {
  const seconds = Math.max(0.001, (now.at - previous.at) / 1_000);
  const parts = [...now.counts.keys()].map((topic) => {
    const total = since(now.counts, start.counts, topic);
    const rate = since(now.counts, previous.counts, topic) / seconds;
    return `${SHORT[topic] ?? topic} ${total} ${rate.toFixed(1)}/s`;
  });
  return `${elapsed(now.at - start.at)} │ ${parts.join(' · ')}`;
}

/** Topics that received nothing since `start`. */
export function silentTopics(start: StatusSample, now: StatusSample): string[] {
  return [...now.counts.keys()].filter((topic) => since(now.counts, start.counts, topic) === 0);
}
