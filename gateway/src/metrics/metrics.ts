/**
 * The gateway's Prometheus series. Publisher state (spool, Kafka connection, readiness) is read
 * from `publisher.status()` at scrape time by the gauges' `collect`, so nothing polls it.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { PublisherStatus } from '../delivery/publisher';

const PREFIX = 'inlet_gateway_';
const KAFKA_STATES = ['connecting', 'connected', 'disconnected'] as const;

export interface GatewayMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'method' | 'status'>;
  readonly requestDuration: Histogram<'route'>;
  readonly accepted: Counter<'topic'>;
  readonly rejected: Counter<'topic'>;
  readonly deduplicated: Counter<'topic'>;
  /** Time around `publisher.publish`, by where the records went (`failed` when not stored). */
  readonly produceDuration: Histogram<'result'>;
  /** One answered request: its count by route/method/status and its duration. */
  countRequest(route: string, method: string, status: number, seconds: number): void;
  /** `n` events of one topic, by what became of them. */
  countEvents(outcome: EventOutcome, topic: string, n: number): void;
}

export type EventOutcome = 'accepted' | 'rejected' | 'deduplicated';

/**
 * prom-client hashes and validates the label object on every `inc`, children included. The hot path
 * adds to a plain number kept in a Map under a string key instead, and the counter takes the sums when
 * it is collected (scraped). The label sets are as many as the series, so the Map is bounded alike.
 */
function pendingCounts<L extends string>(
  counter: Counter<L>,
): (key: string, labels: () => Partial<Record<L, string>>, n: number) => void {
  const pending = new Map<string, { labels: Partial<Record<L, string>>; n: number }>();
  const collect = () => {
    for (const entry of pending.values()) {
      if (entry.n === 0) continue;
      counter.inc(entry.labels, entry.n);
      entry.n = 0;
    }
  };
  // `get()` (what a scrape calls) runs `collect` first; keep any collect the counter already had.
  const own = (counter as unknown as { collect?: () => unknown }).collect;
  (counter as unknown as { collect: () => unknown }).collect = () => {
    collect();
    return own?.call(counter);
  };
  return (key, labels, n) => {
    const entry = pending.get(key);
    if (entry === undefined) pending.set(key, { labels: labels(), n });
    else entry.n += n;
  };
}

/** Registering twice in one registry throws; reuse what is there (an app built twice on one registry). */
function reuse<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(`${PREFIX}${name}`) as T | undefined) ?? create();
}

export function createMetrics(
  registry: Registry,
  status: () => PublisherStatus,
  liveListeners: () => number = () => 0,
): GatewayMetrics {
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    reuse(registry, name, () => new Counter<L>({ name: `${PREFIX}${name}`, help, labelNames, registers }));
  const gauge = (name: string, help: string, read: (s: PublisherStatus) => number | undefined) =>
    reuse(
      registry,
      name,
      () =>
        new Gauge({
          name: `${PREFIX}${name}`,
          help,
          registers,
          collect() {
            const value = read(status());
            if (value === undefined) this.reset();
            else this.set(value);
          },
        }),
    );

  gauge('ready', '1 when the sink accepts writes (readyz), else 0', (s) => (s.ready ? 1 : 0));
  gauge('spool_bytes', 'Bytes in the local spool waiting for Kafka', (s) => s.spool?.bytes);
  gauge('spool_quota_bytes', 'Spool disk quota; at it the gateway answers 503', (s) => s.spool?.quotaBytes);
  gauge('spool_oldest_age_seconds', 'Age of the oldest spooled record (0 when empty)', (s) =>
    s.spool === undefined ? undefined : (s.spool.oldestAgeMs ?? 0) / 1000,
  );
  reuse(
    registry,
    'live_listeners',
    () =>
      new Gauge({
        name: `${PREFIX}live_listeners`,
        help: 'Clients connected to the live tap',
        registers,
        collect() {
          this.set(liveListeners());
        },
      }),
  );
  reuse(
    registry,
    'kafka_connection',
    () =>
      new Gauge({
        name: `${PREFIX}kafka_connection`,
        help: 'Kafka producer connection: 1 for the current state, 0 for the others (absent with the local sink)',
        labelNames: ['state'],
        registers,
        collect() {
          const current = status().kafka;
          this.reset();
          if (current === undefined) return;
          for (const state of KAFKA_STATES) this.set({ state }, state === current ? 1 : 0);
        },
      }),
  );

  const requests = counter('http_requests_total', 'HTTP requests by route and status', [
    'route',
    'method',
    'status',
  ]);
  const requestDuration = reuse(
    registry,
    'http_request_duration_seconds',
    () =>
      new Histogram({
        name: `${PREFIX}http_request_duration_seconds`,
        help: 'Time to answer a request, by route',
        labelNames: ['route'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers,
      }),
  );
  const events = {
    accepted: counter('events_accepted_total', 'Events stored, by topic', ['topic']),
    rejected: counter(
      'events_rejected_total',
      'Events rejected and dead-lettered, by the topic they were meant for',
      ['topic'],
    ),
    deduplicated: counter(
      'events_deduplicated_total',
      'Retried duplicates acknowledged but not stored again',
      ['topic'],
    ),
  } as const;
  const countRequests = pendingCounts(requests);
  const countByOutcome = {
    accepted: pendingCounts(events.accepted),
    rejected: pendingCounts(events.rejected),
    deduplicated: pendingCounts(events.deduplicated),
  };

  return {
    registry,
    requests,
    requestDuration,
    ...events,
    countRequest(route, method, status, seconds) {
      countRequests(`${route} ${method} ${status}`, () => ({ route, method, status: String(status) }), 1);
      requestDuration.observe({ route }, seconds);
    },
    countEvents(outcome, topic, n) {
      countByOutcome[outcome](topic, () => ({ topic }), n);
    },
    produceDuration: reuse(
      registry,
      'produce_duration_seconds',
      () =>
        new Histogram({
          name: `${PREFIX}produce_duration_seconds`,
          help: 'Time for one publish (until stored or refused), by where the records went',
          labelNames: ['result'],
          buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers,
        }),
    ),
  };
}
