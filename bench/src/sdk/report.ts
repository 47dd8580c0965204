/** Figures from the measurements, and the table `npm run bench -- sdk` prints and appends. */
import { percentile as nearestRank } from '../shared/stats';
import type { BenchOptions } from './flags';
import type { Measurement } from './measure';
import type { BenchSdk } from './sdks';

/** Targets from the browser SDK issue. */
export const TARGETS = { syncP50Ms: 0.01, busyPerEventMs: 0.05, longTasksInBurst: 0 } as const;

/** Nearest-rank percentile (the benches' shared one); NaN without samples. */
export const percentile = (samples: readonly number[], p: number): number =>
  nearestRank(samples, p) ?? Number.NaN;

export interface Figures {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  /** Main-thread busy time per call over the window, in ms. */
  readonly busyPerEvent: number;
  /** The main thread's CPU time per call over the window, in ms (NaN where not measured). */
  readonly cpuPerEvent: number;
}

export function figures(m: Pick<Measurement, 'samples' | 'busyMs' | 'calls'> & { cpuMs?: number }): Figures {
  const sorted = [...m.samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sum / sorted.length,
    busyPerEvent: m.busyMs / m.calls,
    cpuPerEvent: (m.cpuMs ?? Number.NaN) / m.calls,
  };
}

/** `12.5 µs` below a millisecond, `1.24 ms` above. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.1 ? 1 : 0)} µs`;
  return `${ms.toFixed(2)} ms`;
}

const count = (n: number) => n.toLocaleString('en-US');

export interface Row {
  readonly round: number;
  readonly m: Measurement;
}

interface SdkStats {
  readonly generated: number;
  readonly acknowledged: number;
  readonly rejected: number;
  readonly dropped: Readonly<Record<string, number>>;
}

/** What the SDK's own counters (Inlet's `stats()`) say at the window's end: events given up, and not yet settled. */
function settled(stats: unknown): string {
  const s = stats as Partial<SdkStats> | null;
  if (!s?.dropped || s.generated === undefined) return '';
  const drops = Object.entries(s.dropped).filter(([, n]) => n > 0);
  const lost = drops.reduce((sum, [, n]) => sum + n, 0);
  const pending = s.generated - (s.acknowledged ?? 0) - (s.rejected ?? 0) - lost;
  return [
    ...drops.map(([reason, n]) => `${count(n)} dropped (${reason})`),
    ...(pending > 0 ? [`${count(pending)} not yet sent`] : []),
  ].join(', ');
}

/** `a ≤ b` up to float noise: a 10 µs step of the clamped timer can read 0.010000000009 ms. */
const atMost = (a: number, b: number) => a <= b + 1e-9;

export function targetsMet(f: Figures, m: Measurement): string {
  const checks = [
    atMost(f.p50, TARGETS.syncP50Ms) ? 'sync ✓' : 'sync ✗',
    atMost(f.busyPerEvent, TARGETS.busyPerEventMs) ? 'busy ✓' : 'busy ✗',
    m.longTasksInBurst <= TARGETS.longTasksInBurst ? 'long tasks ✓' : 'long tasks ✗',
  ];
  return checks.join(' ');
}

export function table(rows: readonly Row[]): string {
  const lines = [
    '| SDK | version | round | calls | sync p50 | sync p99 | sync mean | busy per event | of which CPU | long tasks: burst / after (longest) | requests | burst events received | notes |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|',
  ];
  for (const { round, m } of rows) {
    const f = figures(m);
    const notes = [m.sdk.key === 'inlet' ? targetsMet(f, m) : '', settled(m.stats)]
      .filter(Boolean)
      .join('; ');
    const longest = m.longestTaskMs > 0 ? ` (${Math.round(m.longestTaskMs)} ms)` : '';
    lines.push(
      `| ${m.sdk.name} | ${m.sdk.version} | ${round} | ${count(m.calls)} | ${duration(f.p50)} | ${duration(f.p99)} | ` +
        `${duration(f.mean)} | ${duration(f.busyPerEvent)} | ${duration(f.cpuPerEvent)} | ${m.longTasksInBurst} / ${m.longTasksAfter}${longest} | ` +
        `${count(m.requests)} | ${count(m.events)} | ${notes} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Per round, the working tree's Inlet divided by the baseline's (`--baseline`): busy per event,
 * CPU per event and sync mean. Below 1 is faster. Rounds without both measurements are left out.
 */
export function ratios(rows: readonly Row[]): string {
  const lines: string[] = [];
  for (const round of new Set(rows.map((r) => r.round))) {
    const of = (key: string) => rows.find((r) => r.round === round && r.m.sdk.key === key)?.m;
    const now = of('inlet');
    const base = of('inlet-baseline');
    if (!now || !base) continue;
    const a = figures(now);
    const b = figures(base);
    lines.push(
      `- round ${round}: busy per event ${(a.busyPerEvent / b.busyPerEvent).toFixed(2)} ` +
        `(${duration(a.busyPerEvent)} ÷ ${duration(b.busyPerEvent)}), CPU per event ` +
        `${(a.cpuPerEvent / b.cpuPerEvent).toFixed(2)} (${duration(a.cpuPerEvent)} ÷ ${duration(b.cpuPerEvent)}), ` +
        `sync mean ${(a.mean / b.mean).toFixed(2)} (${duration(a.mean)} ÷ ${duration(b.mean)})`,
    );
  }
  return ['Working tree ÷ baseline:', ...(lines.length ? lines : ['- no round measured both'])].join('\n');
}

export interface EntryInput {
  readonly argv: readonly string[];
  readonly options: BenchOptions;
  readonly sdks: readonly BenchSdk[];
  readonly table: string;
  readonly failures: readonly string[];
  /** Browser, driver and Node versions. */
  readonly versions: string;
  /** How long the run took and how loaded the machine was. */
  readonly machine: string;
}

/** The section appended to bench/RESULTS.md: date, command, versions, method, setups, table. */
export function resultsEntry(e: EntryInput): string {
  const o = e.options;
  return [
    `\n## Browser SDK main-thread cost, ${new Date().toISOString()}`,
    '',
    `Command: \`${['npm run bench -- sdk', ...e.argv].join(' ')}\`. ${e.versions}; ${e.machine}.`,
    '',
    'Each SDK in its own page (cross-origin isolated: `performance.now()` in 5 µs steps), all sending to one ' +
      `local endpoint on 127.0.0.1 that answers 200 to anything. After ${o.warmUp} warm-up calls and their ` +
      `sends, a burst of \`track()\` calls (${o.calls} for Inlet and the empty page, ${o.anchorCalls} for the ` +
      `anchors, whose 1–10 ms per call would make 10,000 take minutes), ${o.perTask} per task. "Sync" is the ` +
      'time inside each call; "busy" is the page\'s main-thread time (top-level tasks in a Chrome trace) over ' +
      `the burst and the ${o.afterMs / 1000} s after it, divided by the calls ("of which CPU": those tasks' ` +
      'thread CPU time, without the time the thread waited for a core); requests and events are what ' +
      'reached the endpoint in that window. Targets for Inlet: sync p50 ≤ ' +
      `${duration(TARGETS.syncP50Ms)}, busy ≤ ${duration(TARGETS.busyPerEventMs)} per event, no long task ` +
      'during the burst.',
    '',
    ...e.sdks.map((s) => `- ${s.name}${s.version === '-' ? '' : ` ${s.version}`}: ${s.setup}.`),
    '',
    e.table,
    ...(e.failures.length ? ['', 'Failed:', ...e.failures.map((f) => `- ${f}`)] : []),
    '',
  ].join('\n');
}
