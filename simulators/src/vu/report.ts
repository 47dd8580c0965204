import { DROP_REASONS, type DropReason, type Stats } from '@inlet/sdk-core';
import type { FaultCounts } from './faults';
import type { Stream } from './journey';
import type { RequestMetrics } from './metrics';
import type { PopulationCounts } from './population';
import type { UserKind } from './users';

/** The JSON report of a run (`--report`), also printed as a table. */
export interface RunReport {
  readonly run: {
    readonly tag: string;
    readonly seed: number;
    readonly profile: string;
    readonly model: 'closed' | 'open';
    readonly speed: number;
    readonly endpoint: string;
    readonly startedAt: string;
    readonly durationMs: number;
    /** Time spent flushing after the journeys stopped. */
    readonly drainMs: number;
  };
  readonly users: {
    readonly started: number;
    readonly peakConcurrent: number;
    readonly byKind: Record<UserKind, number>;
  };
  readonly events: {
    readonly generated: number;
    /** Handed to the queue (not refused at capture). */
    readonly queued: number;
    /** Event sends, retries included. */
    readonly sent: number;
    readonly acknowledged: number;
    readonly rejected: number;
    readonly retried: number;
    readonly dropped: Partial<Record<DropReason, number>>;
    readonly leftInQueue: number;
    /** Deliberately invalid events generated (`--invalid-share`). */
    readonly invalid: number;
    readonly byTopic: Record<Stream, number>;
    /** Events of web visitors, mobile app users and backend services. */
    readonly byUserKind: Record<UserKind, number>;
  };
  readonly rates: {
    readonly generatedPerSecond: number;
    readonly acknowledgedPerSecond: number;
    readonly perMinuteByTopic: Record<Stream, number>;
    readonly perMinuteByUserKind: Record<UserKind, number>;
  };
  readonly requests: {
    readonly count: number;
    readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number };
    readonly byStatus: Record<string, number>;
    readonly errorRate: number;
    readonly bytes: number;
  };
  readonly faults: FaultCounts;
  /** `inlet_gateway_events_deduplicated_total` during the run, when /metrics was readable. */
  readonly gatewayDeduplicated?: number;
  readonly ledger?: { readonly path: string; readonly lines: number };
  readonly thresholds: {
    readonly maxP99Ms?: number;
    readonly maxErrorRate?: number;
    readonly failures: string[];
  };
}

export interface ReportInput {
  readonly run: RunReport['run'];
  readonly counts: PopulationCounts;
  readonly stats: Stats;
  readonly leftInQueue: number;
  readonly invalid: number;
  readonly byTopic: Record<Stream, number>;
  readonly byKind: Record<UserKind, number>;
  readonly metrics: RequestMetrics;
  readonly faults: FaultCounts;
  readonly gatewayDeduplicated: number | undefined;
  readonly ledger: RunReport['ledger'];
  readonly maxP99Ms: number | undefined;
  readonly maxErrorRate: number | undefined;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function buildReport(i: ReportInput): RunReport {
  const seconds = i.run.durationMs / 1_000;
  const dropped: Partial<Record<DropReason, number>> = {};
  for (const r of DROP_REASONS) if (i.stats.dropped[r]) dropped[r] = i.stats.dropped[r];
  const p99 = round(i.metrics.percentile(99));
  const errorRate = round(i.metrics.errorRate(), 4);
  const failures: string[] = [];
  if (i.maxP99Ms !== undefined && p99 > i.maxP99Ms)
    failures.push(`p99 latency ${p99} ms > --max-p99 ${i.maxP99Ms} ms`);
  if (i.maxErrorRate !== undefined && errorRate > i.maxErrorRate) {
    failures.push(`error rate ${errorRate} > --max-error-rate ${i.maxErrorRate}`);
  }
  const perMinute = { ...i.byTopic };
  for (const k of Object.keys(perMinute) as Stream[]) perMinute[k] = round((perMinute[k] * 60) / seconds, 1);
  const perKind = { ...i.byKind };
  for (const k of Object.keys(perKind) as UserKind[]) perKind[k] = round((perKind[k] * 60) / seconds, 1);
  return {
    run: i.run,
    users: { started: i.counts.started, peakConcurrent: i.counts.peakActive, byKind: i.counts.startedByKind },
    events: {
      generated: i.stats.generated,
      queued: i.stats.queued,
      sent: i.stats.sent,
      acknowledged: i.stats.acknowledged,
      rejected: i.stats.rejected,
      retried: i.stats.retried,
      dropped,
      leftInQueue: i.leftInQueue,
      invalid: i.invalid,
      byTopic: i.byTopic,
      byUserKind: i.byKind,
    },
    rates: {
      generatedPerSecond: round(i.stats.generated / seconds, 1),
      acknowledgedPerSecond: round(i.stats.acknowledged / seconds, 1),
      perMinuteByTopic: perMinute,
      perMinuteByUserKind: perKind,
    },
    requests: {
      count: i.metrics.requests,
      latencyMs: { p50: round(i.metrics.percentile(50)), p95: round(i.metrics.percentile(95)), p99 },
      byStatus: Object.fromEntries([...i.metrics.byStatus].sort()),
      errorRate,
      bytes: i.metrics.bytes,
    },
    faults: i.faults,
    ...(i.gatewayDeduplicated === undefined ? {} : { gatewayDeduplicated: i.gatewayDeduplicated }),
    ...(i.ledger ? { ledger: i.ledger } : {}),
    thresholds: {
      ...(i.maxP99Ms === undefined ? {} : { maxP99Ms: i.maxP99Ms }),
      ...(i.maxErrorRate === undefined ? {} : { maxErrorRate: i.maxErrorRate }),
      failures,
    },
  };
}

const n = (x: number) => x.toLocaleString('en-US');

/** The report as a two-column terminal table. */
export function formatReport(r: RunReport): string {
  const e = r.events;
  const drops = Object.entries(e.dropped).map(([k, v]) => `${k} ${n(v)}`);
  const rows: [string, string][] = [
    [
      'run',
      `${r.run.tag} (profile ${r.run.profile}, ${r.run.model} model, seed ${r.run.seed}, speed ×${r.run.speed})`,
    ],
    ['duration', `${r.run.durationMs / 1_000} s + ${round(r.run.drainMs / 1_000, 1)} s drain`],
    [
      'users',
      `${n(r.users.started)} started, ${n(r.users.peakConcurrent)} at most at once (web ${n(r.users.byKind.web)}, mobile ${n(r.users.byKind.mobile)}, service ${n(r.users.byKind.service)})`,
    ],
    [
      'events generated',
      `${n(e.generated)} (${n(r.rates.generatedPerSecond)}/s; invalid on purpose ${n(e.invalid)})`,
    ],
    [
      '  by topic',
      `app events ${n(e.byTopic.appEvents)}, clickstream ${n(e.byTopic.clickstream)}, app logs ${n(e.byTopic.appLogs)}`,
    ],
    [
      '  per minute',
      `app events ${r.rates.perMinuteByTopic.appEvents}, clickstream ${r.rates.perMinuteByTopic.clickstream}, app logs ${r.rates.perMinuteByTopic.appLogs}`,
    ],
    [
      '  per minute by user',
      `web ${r.rates.perMinuteByUserKind.web}, mobile ${r.rates.perMinuteByUserKind.mobile}, service ${r.rates.perMinuteByUserKind.service}`,
    ],
    ['sent (with retries)', `${n(e.sent)} in ${n(r.requests.count)} requests (${n(e.retried)} retried)`],
    ['acknowledged', `${n(e.acknowledged)} (${n(r.rates.acknowledgedPerSecond)}/s)`],
    ['rejected (dead-lettered)', n(e.rejected)],
    ['dropped by the SDK', drops.length ? drops.join(', ') : '0'],
    ['left in queue', n(e.leftInQueue)],
    [
      'latency p50 / p95 / p99',
      `${r.requests.latencyMs.p50} / ${r.requests.latencyMs.p95} / ${r.requests.latencyMs.p99} ms`,
    ],
    [
      'answers by status',
      Object.entries(r.requests.byStatus)
        .map(([k, v]) => `${k}: ${n(v)}`)
        .join(', ') || 'none',
    ],
    ['error rate', `${round(r.requests.errorRate * 100, 2)}%`],
  ];
  const f = r.faults;
  if (f.offlineRequests || f.droppedResponses) {
    rows.push([
      'faults',
      `${n(f.offlineRequests)} requests offline, ${n(f.droppedResponses)} answers dropped (${n(f.resentAccepted)} accepted events resent)`,
    ]);
  }
  if (r.gatewayDeduplicated !== undefined) rows.push(['gateway deduplicated', n(r.gatewayDeduplicated)]);
  if (r.ledger) rows.push(['ledger', `${r.ledger.path} (${n(r.ledger.lines)} events)`]);
  rows.push([
    'thresholds',
    r.thresholds.failures.length ? `FAILED: ${r.thresholds.failures.join('; ')}` : 'passed',
  ]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return `${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}
