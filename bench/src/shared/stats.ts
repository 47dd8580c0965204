/** Figures and tables shared by the benches: nearest-rank percentiles and the Markdown tables in RESULTS.md. */

/** Nearest-rank percentile of unsorted samples (undefined without samples). */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** A Markdown table with padded columns, as Biome's formatter writes it (so RESULTS.md stays lint-clean). */
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

/** Thousands-separated integer, as every results table prints counts. */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
