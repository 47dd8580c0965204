import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type { ResponseInfo } from '@inlet/sdk-node';

/** What the shared HTTP transport saw: latencies (an HDR histogram, µs) and answers by status. */
export class RequestMetrics {
  private readonly latency: RecordableHistogram = createHistogram();
  readonly byStatus = new Map<string, number>();
  requests = 0;
  failed = 0;
  events = 0;
  bytes = 0;

  /** Pass as sdk-node's `onResponse`. */
  readonly record = (info: ResponseInfo): void => {
    this.requests++;
    this.events += info.events;
    this.bytes += info.bytes;
    this.latency.record(Math.max(1, Math.round(info.ms * 1_000)));
    const key = info.status
      ? String(info.status)
      : info.error?.startsWith('timeout')
        ? 'timeout'
        : 'network error';
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
    if (!(info.status >= 200 && info.status < 300)) this.failed++;
  };

  /** Latency percentile in ms (0 before any request). */
  percentile(p: number): number {
    return this.requests ? this.latency.percentile(p) / 1_000 : 0;
  }

  /** Share of requests not answered 2xx. */
  errorRate(): number {
    return this.requests ? this.failed / this.requests : 0;
  }
}
