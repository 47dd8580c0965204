/**
 * A plain timing loop for per-event functions (the schemas and queue benches): per case, a warm-up
 * and then rounds back to back, and the median round in µs per event.
 *
 * Cases are not interleaved on purpose: zod's compiled parser is made of closures created per call,
 * whose optimised code V8 drops at every major GC. Interleaved with cases that leave garbage behind
 * (the error path), its rounds started cold and ran up to 7× slower than in a steady stream of events,
 * which is what the gateway sees.
 */

export interface Case {
  readonly label: string;
  /** Runs the case once over the whole batch; returns something so the work cannot be optimised away. */
  readonly batch: () => unknown;
}

export interface TimingOptions {
  readonly warmupMs: number;
  readonly rounds: number;
  readonly roundMs: number;
  readonly batchSize: number;
}

export interface Timing {
  readonly label: string;
  /** Median of the rounds, µs per event. */
  readonly median: number;
  /** Fastest round, µs per event. */
  readonly best: number;
}

let sink: unknown;

/** Calls `batch` until `ms` have passed; returns batches run and ns spent. */
function runFor(c: Case, ms: number): { batches: number; ns: number } {
  const deadline = process.hrtime.bigint() + BigInt(Math.round(ms * 1e6));
  const start = process.hrtime.bigint();
  let batches = 0;
  let now = start;
  // Check the clock every 16 batches (it costs about as much as a small event), but after every
  // batch while one takes over 0.1 ms: a slow case must not overrun its round by 16 of them.
  let every = 1;
  while (now < deadline) {
    for (let i = 0; i < every; i++) sink = c.batch();
    batches += every;
    const was = now;
    now = process.hrtime.bigint();
    every = now - was < BigInt(every * 100_000) ? 16 : 1;
  }
  return { batches, ns: Number(now - start) };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export function time(cases: readonly Case[], options: TimingOptions): Timing[] {
  const timings = cases.map((c): Timing => {
    runFor(c, options.warmupMs);
    const rounds: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const { batches, ns } = runFor(c, options.roundMs);
      rounds.push(ns / 1e3 / (batches * options.batchSize));
    }
    return { label: c.label, median: median(rounds), best: Math.min(...rounds) };
  });
  if (sink === Symbol.for('never')) process.stdout.write(''); // keeps `sink` observable
  return timings;
}
