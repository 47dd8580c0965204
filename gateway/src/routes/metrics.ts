/** `GET /metrics`: Prometheus text; behind the admin token when `protectMetrics` is set. */
import type { Hono } from 'hono';
import type { AppEnv, Runtime } from '../app/types';
import { adminAuth } from '../middleware/admin-auth';

export function metricsRoutes(app: Hono<AppEnv>, rt: Pick<Runtime, 'config' | 'metrics'>): void {
  const { registry } = rt.metrics;
  const handler = async () =>
    new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType } });
  if (rt.config.protectMetrics) app.get('/metrics', adminAuth(rt.config.adminToken), handler);
  else app.get('/metrics', handler);
}
