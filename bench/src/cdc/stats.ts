/** Latency samples and the Markdown table the CDC bench prints and appends to bench/RESULTS.md. */

/** Nearest-rank percentile of unsorted samples (undefined without samples). */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

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

const int = (n: number) => Math.round(n).toLocaleString('en-US');
/** Rates under 10 keep a decimal (the seed rate is 0.4 changes/s). */
const rate = (n: number) => (n < 10 ? n.toFixed(1) : int(n));
const ms = (n: number | undefined) =>
  n === undefined ? 'n/a' : `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;

/** A Markdown table with padded columns. */
export function markdownTable(
  header: readonly string[],
  right: readonly boolean[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i] ?? 3) : c.padEnd(widths[i] ?? 3))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (right[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

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
