/** Latency samples and the Markdown table the CDC bench prints and appends to bench/RESULTS.md. */
import { int, markdownTable, percentile } from '../shared/stats';

export { markdownTable, percentile };

export interface PhaseFigures {
  readonly phase: string;
  /** Row changes committed (or in the backlog) during the phase. */
  readonly changes: number;
  /** Kafka records acknowledged (change events + tombstones). */
  readonly events: number;
  readonly seconds: number;
  /** Commit (PostgreSQL) → acknowledged by Kafka, per event, ms. */
  readonly latenciesMs: readonly number[];
  readonly note?: string;
}

/** Rates under 10 keep a decimal (the seed rate is 0.4 changes/s). */
const rate = (n: number) => (n < 10 ? n.toFixed(1) : int(n));
const ms = (n: number | undefined) =>
  n === undefined ? 'n/a' : `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;

export function figuresTable(phases: readonly PhaseFigures[]): string {
  return markdownTable(
    [
      'phase',
      'changes',
      'seconds',
      'changes/s',
      'Kafka records/s',
      'p50 commit→Kafka',
      'p99',
      'max',
      'samples',
      'note',
    ],
    [false, true, true, true, true, true, true, true, true, false],
    phases.map((p) => [
      p.phase,
      int(p.changes),
      p.seconds.toFixed(1),
      rate(p.changes / p.seconds),
      rate(p.events / p.seconds),
      ms(percentile(p.latenciesMs, 50)),
      ms(percentile(p.latenciesMs, 99)),
      ms(percentile(p.latenciesMs, 100)),
      int(p.latenciesMs.length),
      p.note ?? '',
    ]),
  );
}
