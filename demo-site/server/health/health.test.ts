// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { HealthMonitor } from './health-monitor';
import type { Fetch } from './probes';
import { histogramQuantile, parsePrometheus, sum } from './prom-text';

const GATEWAY_METRICS = `# HELP inlet_gateway_events_accepted_total Events stored
# TYPE inlet_gateway_events_accepted_total counter
inlet_gateway_events_accepted_total{topic="topic_app_events"} 90
inlet_gateway_events_accepted_total{topic="topic_clickstream"} 10
inlet_gateway_events_rejected_total{topic="topic_app_events"} 3
inlet_gateway_spool_bytes 2048
inlet_gateway_spool_oldest_age_seconds 1.5
inlet_gateway_http_request_duration_seconds_bucket{le="0.005",route="/v1/batch"} 50
inlet_gateway_http_request_duration_seconds_bucket{le="0.01",route="/v1/batch"} 90
inlet_gateway_http_request_duration_seconds_bucket{le="0.025",route="/v1/batch"} 100
inlet_gateway_http_request_duration_seconds_bucket{le="+Inf",route="/v1/batch"} 100
inlet_gateway_http_request_duration_seconds_bucket{le="+Inf",route="/metrics"} 7
`;

describe('Prometheus text', () => {
  it('parses samples with labels (escapes included) and sums them', () => {
    const s = parsePrometheus(`${GATEWAY_METRICS}x{a="q\\"uote"} 1\n`);
    expect(sum(s, 'inlet_gateway_events_accepted_total')).toBe(100);
    expect(sum(s, 'missing')).toBeUndefined();
    expect(s.at(-1)).toEqual({ name: 'x', labels: { a: 'q"uote' }, value: 1 });
  });

  it('computes a quantile from histogram buckets, linear within a bucket', () => {
    const s = parsePrometheus(GATEWAY_METRICS).filter((x) => x.labels.route !== '/metrics');
    // rank 95 of 100 falls halfway into the (0.01, 0.025] bucket.
    expect(histogramQuantile(s, 'inlet_gateway_http_request_duration_seconds', 0.95)).toBeCloseTo(0.0175);
    expect(histogramQuantile([], 'h', 0.95)).toBeUndefined();
  });
});

function fakeFetch(routes: Record<string, [number, string]>): Fetch {
  return async (url) => {
    const hit = routes[url];
    if (hit === undefined) throw new TypeError(`fetch failed: connect ECONNREFUSED ${url}`);
    return new Response(hit[1], { status: hit[0] });
  };
}

describe('HealthMonitor', () => {
  it('reports each part: up with its facts, down when it does not answer, off without a URL', async () => {
    const runs = {
      sources: [
        {
          name: 'market-bars',
          schedule: 'every 60000 ms',
          nextRunAt: '2026-03-02T08:01:00.000Z',
          runs: [
            { status: 'failed', kind: 'scheduled', records: 0, attempts: 3, durationMs: 80, startedAt: 'x' },
          ],
        },
      ],
    };
    const monitor = new HealthMonitor(
      { gateway: 'http://gw/', cdc: 'http://cdc', external: 'http://ext' },
      {
        now: () => 1_000,
        fetch: fakeFetch({
          'http://gw/readyz': [
            200,
            JSON.stringify({ ok: true, status: { ready: true, sink: 'kafka', kafka: 'connected' } }),
          ],
          'http://gw/metrics': [200, GATEWAY_METRICS],
          'http://ext/runs': [200, JSON.stringify(runs)],
        }),
      },
    );
    await monitor.poll();
    const [gateway, cdc, processor, external] = monitor.latest();
    expect(gateway).toMatchObject({ name: 'gateway', state: 'up' });
    expect(Object.fromEntries(gateway?.facts.map((f) => [f.label, f.value]) ?? [])).toMatchObject({
      sink: 'Kafka (connected)',
      accepted: '100',
      rejected: '3',
      'p95 latency': '18 ms',
      spool: '2.0 KiB',
      'spool age': '1.5 s',
    });
    expect(cdc).toMatchObject({
      state: 'down',
      summary: expect.stringMatching(/not answering at http:\/\/cdc/),
    });
    expect(external).toMatchObject({ state: 'degraded', sources: runs.sources });
    expect(processor).toMatchObject({ state: 'off', summary: expect.stringMatching(/not running/) });
  });

  it('reads the processor: windows emitted, records in and out, its largest input lag', async () => {
    const monitor = new HealthMonitor(
      { processor: 'http://proc' },
      {
        now: () => 100_000,
        fetch: fakeFetch({
          'http://proc/readyz': [200, JSON.stringify({ status: 'ready', mode: 'kafka', recordsIn: 12 })],
          'http://proc/metrics': [
            200,
            [
              'inlet_processor_windows_emitted_total 4',
              'inlet_processor_records_in_total 120',
              'inlet_processor_output_records_total 30',
              'inlet_processor_lag_records{topic="topic_app_events",partition="0"} 3',
              'inlet_processor_lag_records{topic="topic_app_events",partition="1"} 7',
              'inlet_processor_watermark_seconds 95',
            ].join('\n'),
          ],
        }),
      },
    );
    await monitor.poll();
    const processor = monitor.latest()[2];
    expect(processor?.state).toBe('up');
    expect(Object.fromEntries(processor?.facts.map((f) => [f.label, f.value]) ?? [])).toEqual({
      mode: 'kafka',
      'windows emitted': '4',
      'records in': '120',
      'records out': '30',
      lag: '7 records',
      'watermark behind': '5.0 s',
    });
  });

  it('shows a gateway that answers 503 as degraded, with its reason', async () => {
    const monitor = new HealthMonitor(
      { gateway: 'http://gw' },
      {
        fetch: fakeFetch({
          'http://gw/readyz': [
            503,
            JSON.stringify({ ok: false, reason: 'Kafka is disconnected and the spool cannot take writes' }),
          ],
          'http://gw/metrics': [200, ''],
        }),
      },
    );
    await monitor.poll();
    expect(monitor.latest()[0]).toMatchObject({
      state: 'degraded',
      summary: 'Kafka is disconnected and the spool cannot take writes',
    });
  });
});
