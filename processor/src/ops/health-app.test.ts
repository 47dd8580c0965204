import { describe, expect, it } from 'vitest';
import { newStats } from '../runtime/stats';
import { createHealthApp } from './health-app';
import { createMetrics } from './metrics';

describe('health app', () => {
  it('answers /healthz, /readyz (503 until ready) and /metrics from the running totals', async () => {
    const stats = newStats();
    const app = createHealthApp(stats, createMetrics(stats), 'embedded');
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(503);
    stats.ready = true;
    stats.recordsIn = 42;
    stats.lateDropped = 2;
    stats.lag.set('topic_app_events:3', 7);
    expect((await app.request('/readyz')).status).toBe(200);
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain('inlet_processor_records_in_total 42');
    expect(text).toContain('inlet_processor_late_events_dropped_total 2');
    expect(text).toContain('inlet_processor_lag_records{topic="topic_app_events",partition="3"} 7');
  });
});
