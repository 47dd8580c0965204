import { describe, expect, it } from 'vitest';
import { startHealthServer } from './health';
import { CdcMetrics } from './metrics';

describe('health endpoint', () => {
  it('serves the status (200 when ok, 503 when not) and Prometheus metrics', async () => {
    const metrics = new CdcMetrics();
    metrics.appended({
      records: [{ topic: 't', key: null, value: 'v' }],
      commitTimesMs: [1_000],
      ackedAtMs: 1_250,
    });
    let ok = true;
    const server = await startHealthServer(
      { status: () => ({ ok, phase: 'streaming', lsn: 5n }), registry: metrics.registry },
      0,
    );
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, phase: 'streaming', lsn: '5' });
      ok = false;
      expect((await fetch(`${base}/health`)).status).toBe(503);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(/inlet_cdc_events_total 1/);
      expect(text).toMatch(/inlet_cdc_lag_seconds_bucket\{le="0.25"\} 1/);
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('computes events per second over a sliding window', () => {
    const metrics = new CdcMetrics();
    metrics.appended({
      records: Array(50).fill({ topic: 't', key: null, value: 'v' }),
      commitTimesMs: [],
      ackedAtMs: 10_000,
    });
    expect(metrics.eventsPerSecond(10_000)).toBe(5);
    expect(metrics.eventsPerSecond(30_000)).toBe(0);
  });
});
