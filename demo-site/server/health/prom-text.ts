/**
 * Reads the Prometheus text format the parts expose on /metrics: samples, sums by name, and a
 * quantile from histogram buckets (as PromQL's histogram_quantile does, linear within a bucket).
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (m === null) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL))
      labels[l[1] as string] = (l[2] as string).replace(/\\(.)/g, '$1');
    const raw = m[3] as string;
    const value =
      raw === '+Inf' ? Number.POSITIVE_INFINITY : raw === '-Inf' ? Number.NEGATIVE_INFINITY : Number(raw);
    samples.push({ name: m[1] as string, labels, value });
  }
  return samples;
}

/** Sum of every sample named `name` (all label sets), or undefined when there is none. */
export function sum(samples: readonly Sample[], name: string): number | undefined {
  let total: number | undefined;
  for (const s of samples) if (s.name === name && Number.isFinite(s.value)) total = (total ?? 0) + s.value;
  return total;
}

/**
 * The `q` quantile of histogram `name` (its `_bucket` samples summed over every label but `le`), in
 * the histogram's unit; undefined without observations.
 */
export function histogramQuantile(samples: readonly Sample[], name: string, q: number): number | undefined {
  const byLe = new Map<number, number>();
  for (const s of samples) {
    if (s.name !== `${name}_bucket` || s.labels.le === undefined) continue;
    const le = s.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.labels.le);
    byLe.set(le, (byLe.get(le) ?? 0) + s.value);
  }
  const buckets = [...byLe].sort((a, b) => a[0] - b[0]);
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [le, count] of buckets) {
    if (count >= rank) {
      if (le === Number.POSITIVE_INFINITY) return lowerBound;
      return lowerBound + ((le - lowerBound) * (rank - lowerCount)) / Math.max(count - lowerCount, 1e-9);
    }
    lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}
