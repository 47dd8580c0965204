/**
 * Runs the hostile-request generators against the gateway, in-process (`app.request()`) and over a
 * real socket to a real server (`startGateway`, local sink), checking every answer against the wire
 * contract and that `Object.prototype` stayed clean. Used by the CI test (thousands of cases) and by
 * `npm run chaos` (a hundred thousand); both report cases, statuses and peak RSS.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createApp } from '../app/create-app';
import { parseResolvedConfig } from '../config/load';
import type { Publisher, PublisherStatus, PublishResult } from '../delivery/publisher';
import { startGateway } from '../server/start';
import { parseAnswer, rawExchange } from '../testing/raw-http';
import { testConfig } from '../testing/test-app';
import { checkAnswer } from './check-answer';
import { type FuzzRequest, fetchSafeRequestArb, socketRequestArb } from './hostile-requests';
import { type Framing, framingArb, toWire } from './wire-bytes';

export interface FuzzOptions {
  /** Generated requests. Default 1,000. */
  readonly runs?: number;
  /** fast-check seed, to replay a run. Default: random. */
  readonly seed?: number;
}

export interface FuzzReport {
  readonly mode: 'in-process' | 'socket';
  readonly cases: number;
  readonly seed: number;
  readonly byStatus: ReadonlyMap<number, number>;
  /** The first failing case, shrunk, with what was wrong; undefined when every answer was fine. */
  readonly failure: string | undefined;
  readonly peakRssBytes: number;
  readonly ms: number;
}

/** Stores nothing and always succeeds, so memory measures the gateway, not a test sink. */
class DiscardingPublisher implements Publisher {
  async publish(): Promise<PublishResult> {
    return { ok: true, via: 'kafka' };
  }
  status(): PublisherStatus {
    return {
      ready: true,
      sink: 'kafka',
      kafka: 'connected',
      spool: { bytes: 0, quotaBytes: 1, oldestAgeMs: null },
    };
  }
  async close(): Promise<void> {}
}

function pollutionCheck(): string | undefined {
  const keys = Object.getOwnPropertyNames(Object.prototype);
  const polluted = ['polluted', 'isAdmin', 'writeKey'].filter((k) => keys.includes(k));
  return polluted.length > 0 ? `Object.prototype polluted with ${polluted.join(', ')}` : undefined;
}

class Tally {
  readonly byStatus = new Map<number, number>();
  peakRss = process.memoryUsage.rss();
  cases = 0;
  count(status: number) {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (++this.cases % 50 === 0) this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
  }
}

const describeRequest = (r: FuzzRequest, framing?: Framing) =>
  `${r.method} ${r.target.slice(0, 120)}${r.target.length > 120 ? `… (${r.target.length} chars)` : ''} ` +
  `headers=${JSON.stringify(r.headers.map(([n, v]) => [n, v.slice(0, 40)]).slice(0, 8))} ` +
  `body=${r.body ? `${r.body.bytes.length} bytes${r.body.encoding ? ' gzip' : ''}` : 'none'}` +
  (framing ? ` framing=${framing}` : '');

async function run<T>(
  mode: FuzzReport['mode'],
  arb: fc.Arbitrary<T>,
  options: FuzzOptions,
  once: (value: T, tally: Tally) => Promise<string | undefined>,
  describe: (value: T) => string,
): Promise<FuzzReport> {
  const tally = new Tally();
  const started = performance.now();
  const seed = options.seed ?? Math.floor(Math.random() * 0x7fffffff);
  const details = await fc.check(
    fc.asyncProperty(arb, async (value) => {
      const problem = (await once(value, tally)) ?? pollutionCheck();
      if (problem !== undefined) throw new Error(problem);
    }),
    { numRuns: options.runs ?? 1_000, seed, endOnFailure: false, maxSkipsPerRun: 1_000 },
  );
  const failure =
    details.failed && details.counterexample
      ? `${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance)}\n  request: ${describe(details.counterexample[0])}\n  replay with seed ${seed}, path ${details.counterexamplePath}`
      : undefined;
  return {
    mode,
    cases: tally.cases,
    seed,
    byStatus: tally.byStatus,
    failure,
    peakRssBytes: Math.max(tally.peakRss, process.memoryUsage.rss()),
    ms: performance.now() - started,
  };
}

/** The app alone, through `app.request()`. */
export function fuzzApp(options: FuzzOptions = {}): Promise<FuzzReport> {
  const app = createApp({ config: testConfig(), publisher: new DiscardingPublisher() });
  return run(
    'in-process',
    fetchSafeRequestArb,
    options,
    async (r, tally) => {
      let request: Request;
      try {
        request = new Request(`http://127.0.0.1${r.target}`, {
          method: r.method,
          headers: r.headers.map(([n, v]) => [n, v] as [string, string]),
          ...(r.body ? { body: r.body.bytes } : {}),
        });
      } catch {
        fc.pre(false); // not a request fetch can express: the socket run covers it
        return undefined;
      }
      const res = await app.request(request);
      const body = await res.text();
      tally.count(res.status);
      return checkAnswer(r.method, r.target, {
        status: res.status,
        contentType: res.headers.get('content-type') ?? undefined,
        inletError: res.headers.get('x-inlet-error') ?? undefined,
        body,
      });
    },
    (r) => describeRequest(r),
  );
}

/** A real server on 127.0.0.1 (local sink in a temp dir), raw bytes over TCP. */
export async function fuzzSocket(options: FuzzOptions = {}): Promise<FuzzReport> {
  const dir = await mkdtemp(join(tmpdir(), 'inlet-fuzz-'));
  const config = parseResolvedConfig(
    JSON.stringify({ ...testConfig(), sink: 'local', dataDir: dir, port: 0 }),
  );
  const gateway = await startGateway(config);
  try {
    return await run(
      'socket',
      fc.tuple(socketRequestArb, framingArb),
      options,
      async ([r, framing], tally) => {
        const wire = toWire(r, framing);
        const answer = await rawExchange(gateway.port, wire.bytes, {
          endAfterWrite: wire.endAfterWrite,
          head: r.method === 'HEAD',
        });
        const parsed = parseAnswer(answer.bytes, { headOnly: r.method === 'HEAD' });
        if (parsed === undefined) {
          return `no complete HTTP answer (${answer.error ?? 'closed'}) after ${answer.bytes.length} bytes: ${answer.bytes.toString('latin1').slice(0, 120)}`;
        }
        tally.count(parsed.status);
        if (answer.error !== undefined && answer.error !== 'ECONNRESET')
          return `socket error ${answer.error}`;
        return checkAnswer(r.method.toUpperCase(), r.target, {
          status: parsed.status,
          contentType: parsed.headers['content-type'],
          inletError: parsed.headers['x-inlet-error'],
          body: parsed.body,
        });
      },
      ([r, framing]) => describeRequest(r, framing),
    );
  } finally {
    await gateway.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
