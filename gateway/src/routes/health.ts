/** `GET /healthz` (the process answers) and `GET /readyz` (the sink accepts writes). */
import type { Hono } from 'hono';
import type { AppEnv, Runtime } from '../app/types';

export function healthRoutes(app: Hono<AppEnv>, rt: Pick<Runtime, 'publisher'>): void {
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', (c) => {
    const status = rt.publisher.status();
    if (status.ready) return c.json({ ok: true, status });
    const reason =
      status.sink === 'kafka' && status.kafka !== 'connected'
        ? `Kafka is ${status.kafka ?? 'not connected'} and the spool cannot take writes`
        : `the ${status.sink} sink cannot take writes`;
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: false, reason, status }, 503);
  });
}
