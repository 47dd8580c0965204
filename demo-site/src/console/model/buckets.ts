/**
 * Counts per topic in fixed time buckets (a second for the rate charts, a minute for the timeline),
 * keeping only the newest `buckets` of them. Server and page share it: the server counts records,
 * the page merges the counts the server sends (`set`), so a late record corrects its bucket.
 */
export interface BucketWindow {
  /** Start of the oldest bucket, in ms since the epoch. */
  readonly start: number;
  readonly bucketMs: number;
  /** Per topic, one count per bucket, oldest first; all arrays have the same length. */
  readonly counts: Readonly<Record<string, readonly number[]>>;
}

export class BucketCounter {
  /** bucket start (ms) → topic → count */
  readonly #buckets = new Map<number, Map<string, number>>();

  constructor(
    readonly bucketMs: number,
    readonly buckets: number,
  ) {}

  bucketOf(time: number): number {
    return Math.floor(time / this.bucketMs) * this.bucketMs;
  }

  /** Counts `n` records at `time`; ignored when older than the window kept. */
  add(topic: string, time: number, n = 1): void {
    const bucket = this.#counts(this.bucketOf(time));
    bucket?.set(topic, (bucket.get(topic) ?? 0) + n);
  }

  /** Replaces one bucket's counts (what the page does with the server's). */
  set(bucketStart: number, counts: Readonly<Record<string, number>>): void {
    const bucket = this.#counts(this.bucketOf(bucketStart));
    for (const [topic, n] of Object.entries(counts)) bucket?.set(topic, n);
  }

  /** Merges a window the server sent. */
  merge(window: BucketWindow): void {
    const length = Math.max(0, ...Object.values(window.counts).map((c) => c.length));
    for (let i = 0; i < length; i++) {
      const counts: Record<string, number> = {};
      for (const [topic, series] of Object.entries(window.counts)) counts[topic] = series[i] ?? 0;
      this.set(window.start + i * window.bucketMs, counts);
    }
  }

  /** The newest `last` buckets up to the one holding `now` (default: all), zeros where nothing came. */
  window(topics: readonly string[], now: number, last = this.buckets): BucketWindow {
    const end = this.bucketOf(now);
    const n = Math.min(last, this.buckets);
    const start = end - (n - 1) * this.bucketMs;
    const counts: Record<string, number[]> = {};
    for (const topic of topics) {
      const series: number[] = [];
      for (let i = 0; i < n; i++) series.push(this.#buckets.get(start + i * this.bucketMs)?.get(topic) ?? 0);
      counts[topic] = series;
    }
    return { start, bucketMs: this.bucketMs, counts };
  }

  /** Events per second of `topic` over the newest `complete` buckets that ended before `now`. */
  rate(topic: string, now: number, complete = 5): number {
    const end = this.bucketOf(now);
    let sum = 0;
    for (let i = 1; i <= complete; i++) sum += this.#buckets.get(end - i * this.bucketMs)?.get(topic) ?? 0;
    return sum / ((complete * this.bucketMs) / 1000);
  }

  #newest = Number.NEGATIVE_INFINITY;

  /** The bucket starting at `start`, made on first use; undefined when it is older than the window. */
  #counts(start: number): Map<string, number> | undefined {
    let bucket = this.#buckets.get(start);
    if (bucket !== undefined) return bucket;
    if (start <= this.#newest - this.buckets * this.bucketMs) return undefined;
    bucket = new Map();
    this.#buckets.set(start, bucket);
    if (start > this.#newest) {
      this.#newest = start;
      const floor = start - (this.buckets - 1) * this.bucketMs;
      for (const key of this.#buckets.keys()) if (key < floor) this.#buckets.delete(key);
    }
    return bucket;
  }
}
