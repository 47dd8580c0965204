/** The VU bench's measurements: memory per user, whether a population keeps its rate, events/s through a gateway. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fakeTransport } from '@inlet/sdk-core/testing';
import { type RunReport, runSimulation, type SimulationOptions } from '@inlet/simulators';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;

/** `users` load-profile users ramped up over `rampMs`, then held until `durationMs`. */
function rampAndHold(users: number, durationMs: number, rampMs: number) {
  return {
    profile: 'load',
    durationMs,
    vus: users,
    stages: [
      { durationMs: rampMs, target: users },
      { durationMs: durationMs - rampMs, target: users },
    ],
  } as const satisfies Partial<SimulationOptions>;
}

export interface MemoryFigures {
  readonly users: number;
  readonly heapPerUserKb: number;
  readonly rssPerUserKb: number;
  readonly heapMb: number;
  readonly rssMb: number;
}

/**
 * `users` concurrent users against an in-memory gateway: heap and RSS growth once they all run,
 * after a full GC, divided by the users. Each holds a real SDK core, its queue and its profile.
 */
export async function memoryPerUser(users: number, seed: number): Promise<MemoryFigures> {
  gc();
  const before = process.memoryUsage();
  let during: NodeJS.MemoryUsage | undefined;
  const holdFrom = 5_000;
  await runSimulation({
    ...rampAndHold(users, 8_000, 2_000),
    endpoint: 'http://127.0.0.1:1',
    writeKey: 'wk_bench_memory',
    seed,
    drainMs: 5_000,
    transport: fakeTransport(),
    onProgress: (p) => {
      if (!during && p.elapsedMs >= holdFrom) {
        gc();
        during = process.memoryUsage();
      }
    },
  });
  if (!during) throw new Error('the memory run ended before its hold phase');
  const kb = (bytes: number) => Math.round(bytes / users / 1024);
  return {
    users,
    heapPerUserKb: kb(during.heapUsed - before.heapUsed),
    rssPerUserKb: kb(during.rss - before.rss),
    heapMb: Math.round(during.heapUsed / MB),
    rssMb: Math.round(during.rss / MB),
  };
}

export interface StepFigures {
  readonly users: number;
  /** Events the same run makes in simulated time, where nothing is ever late. */
  readonly target: number;
  readonly generated: number;
  readonly ratio: number;
  readonly acknowledgedPerSecond: number;
  readonly left: number;
  readonly p99Ms: number;
  readonly failedRequests: number;
  readonly requests: number;
  readonly peakRssMb: number;
  readonly ok: boolean;
}

/**
 * Does `users` keep its rate? The same seeded run twice: in simulated time (the target: every
 * think time exactly on time) and for real against the gateway. Sustained when the real run made
 * at least 95% of the target's events and delivered them all.
 */
export async function capacityStep(
  url: string,
  writeKey: string,
  users: number,
  seconds: number,
  seed: number,
): Promise<StepFigures> {
  const options: SimulationOptions = {
    ...rampAndHold(users, seconds * 1_000, 3_000),
    endpoint: url,
    writeKey,
    seed,
    drainMs: 10_000,
  };
  const target = await runSimulation({ ...options, mode: 'virtual', transport: fakeTransport() });
  gc();
  let peakRss = 0;
  const real = await runSimulation({
    ...options,
    onProgress: () => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
  });
  gc();
  const ratio = real.events.generated / target.events.generated;
  const failed = real.requests.count - (real.requests.byStatus['200'] ?? 0);
  return {
    users,
    target: target.events.generated,
    generated: real.events.generated,
    ratio,
    acknowledgedPerSecond: real.rates.acknowledgedPerSecond,
    left: real.events.leftInQueue,
    p99Ms: real.requests.latencyMs.p99,
    failedRequests: failed,
    requests: real.requests.count,
    peakRssMb: Math.round(peakRss / MB),
    ok: ratio >= 0.95 && real.events.leftInQueue === 0,
  };
}

export interface PushFigures {
  /** Acknowledged events over the run and its drain: what the gateway took per second, backlog included. */
  readonly perSecond: number;
  readonly generatedPerSecond: number;
  readonly p99Ms: number;
  readonly left: number;
}

/** Events/s acknowledged by the gateway when `users` act `speed` times faster than people. */
export async function pushThrough(
  url: string,
  writeKey: string,
  users: number,
  speed: number,
  seconds: number,
  seed: number,
): Promise<PushFigures> {
  const r: RunReport = await runSimulation({
    ...rampAndHold(users, seconds * 1_000, 2_000),
    speed,
    endpoint: url,
    writeKey,
    seed,
    drainMs: 15_000,
    coreOptions: { flushAt: 100, flushInterval: 5_000 },
  });
  return {
    perSecond: (r.events.acknowledged * 1_000) / (r.run.durationMs + r.run.drainMs),
    generatedPerSecond: r.rates.generatedPerSecond,
    p99Ms: r.requests.latencyMs.p99,
    left: r.events.leftInQueue,
  };
}
