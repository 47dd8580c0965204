/** One autocannon run (programmatic API) against a server, and what the report needs from it. */
import autocannon from 'autocannon';
import { BENCH_KEY } from './servers';

export interface LoadOptions {
  readonly url: string;
  readonly body: string;
  readonly connections: number;
  readonly durationSeconds: number;
}

export interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const result = await autocannon({
    url: `${options.url}/v1/batch`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-write-key': BENCH_KEY },
    body: options.body,
    idReplacement: true,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  return {
    // 2xx answers over the run's duration (autocannon's own mean is of one-second samples).
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
