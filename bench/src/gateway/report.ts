/** The gateway bench's results table, printed and appended to `bench/RESULTS.md`. */

import { int, markdownTable } from '../shared/stats';
import type { LoadFigures } from './load';
import type { Scenario } from './servers';

export interface Measured {
  readonly scenario: Scenario;
  readonly figures: LoadFigures;
  /** Spool bytes left after the run (Kafka scenarios): above 0 means part of the run went to disk, not Kafka. */
  readonly spoolBytes?: number | undefined;
  /** CPU ms the server's process tree used during the measured window (undefined without /proc). */
  readonly serverCpuMs?: number | undefined;
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

function verdict(m: Measured, ratio: number | undefined): string {
  const { target } = m.scenario;
  if (target === undefined || ratio === undefined) return '';
  const ratioOk = ratio >= target.ratio;
  const p99Ok = target.p99Ms === undefined || m.figures.p99Ms <= target.p99Ms;
  const goal = `≥ ${Math.round(target.ratio * 100)}%${target.p99Ms === undefined ? '' : `, p99 ≤ ${target.p99Ms} ms`}`;
  return `${goal}: ${ratioOk && p99Ok ? 'met' : 'NOT met'}`;
}

function cpuPerEvent(m: Measured, eventsPerRequest: number): string {
  const events = m.figures.requests * eventsPerRequest;
  if (m.serverCpuMs === undefined || events === 0) return '';
  return `${((m.serverCpuMs * 1000) / events).toFixed(1)} µs`;
}

export function table(rows: readonly Measured[], eventsPerRequest: number): string {
  const baseline = rows.find((r) => r.scenario.kind === 'baseline');
  const baseEvents = baseline ? baseline.figures.requestsPerSecond * eventsPerRequest : undefined;
  const header = [
    'server',
    'req/s',
    'events/s',
    'p50',
    'p99',
    'events/s vs (a)',
    'CPU / event',
    'target',
    'non-2xx / errors',
  ];
  const right = [false, true, true, true, true, true, true, false, true];
  return markdownTable(
    header,
    right,
    rows.map((m) => {
      const events = m.figures.requestsPerSecond * eventsPerRequest;
      const ratio = baseEvents ? events / baseEvents : undefined;
      const spool = m.spoolBytes ? ` (spool ${int(m.spoolBytes)} B)` : '';
      return [
        `${m.scenario.label}${spool}`,
        int(m.figures.requestsPerSecond),
        int(events),
        ms(m.figures.p50Ms),
        ms(m.figures.p99Ms),
        ratio === undefined ? '' : `${Math.round(ratio * 100)}%`,
        cpuPerEvent(m, eventsPerRequest),
        verdict(m, ratio),
        `${m.figures.non2xx} / ${m.figures.errors}`,
      ];
    }),
  );
}
