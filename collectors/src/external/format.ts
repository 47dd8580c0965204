/** Text output of `inlet-external`: the run history as a table, like `airflow tasks states-for-dag-run`. */
import type { RunRecord } from './state';

const time = (iso: string) => iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

function interval(run: RunRecord): string {
  const start = time(run.intervalStart);
  const end = time(run.intervalEnd);
  // Same day: print the end's time only.
  return start.slice(0, 10) === end.slice(0, 10) ? `${start} → ${end.slice(11)}` : `${start} → ${end}`;
}

export function formatRuns(runs: readonly RunRecord[]): string {
  if (runs.length === 0) return 'No runs yet.\n';
  const rows = runs.map((r) => [
    r.source,
    r.kind,
    interval(r),
    r.status,
    String(r.records),
    String(r.deadLettered),
    String(r.attempts),
    duration(r.durationMs),
    (r.error ?? '').replace(/\s+/g, ' ').slice(0, 120),
  ]);
  const header = ['SOURCE', 'KIND', 'INTERVAL', 'STATUS', 'RECORDS', 'DLQ', 'ATTEMPTS', 'DURATION', 'ERROR'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
