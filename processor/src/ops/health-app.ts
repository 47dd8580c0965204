/** `/healthz`, `/readyz` and `/metrics`: a Hono app apart from its server. */
import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { ProcessorStats } from '../runtime/stats';

export function createHealthApp(stats: ProcessorStats, registry: Registry, mode: 'kafka' | 'embedded'): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok', mode }));
  app.get('/readyz', (c) =>
    stats.ready
      ? c.json({ status: 'ready', mode, recordsIn: stats.recordsIn })
      : c.json(
          { status: 'starting', mode, reason: 'restoring state or waiting for a partition assignment' },
          503,
        ),
  );
  app.get('/metrics', async (c) => {
    c.header('content-type', registry.contentType);
    return c.body(await registry.metrics());
  });
  return app;
}
