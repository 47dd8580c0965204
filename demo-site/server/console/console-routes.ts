/** `GET /api/console/snapshot` (JSON) and `GET /api/console/stream` (SSE: `snapshot`, then `tick` every second). */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ConsoleHub } from './console-hub';

/** Tells the browser how long to wait before reconnecting when the stream ends. */
const RETRY_MS = 2_000;
/** Ticks waiting to be written to one page at most. */
const MAX_QUEUED = 10;

export function consoleRoutes(hub: ConsoleHub): Hono {
  const app = new Hono();
  app.get('/api/console/snapshot', (c) => c.json(hub.snapshot(), 200, { 'cache-control': 'no-store' }));
  app.get('/api/console/stream', (c) => {
    if (hub.closed) return c.json({ error: 'the demo server is shutting down' }, 503);
    if (hub.full) {
      return c.json({ error: 'too many console pages are connected; close one and reload' }, 503, {
        'retry-after': '5',
      });
    }
    c.header('cache-control', 'no-store');
    return streamSSE(c, async (stream) => {
      let end = () => {};
      const ended = new Promise<void>((resolve) => {
        end = resolve;
      });
      // Writes are serialized: a slow page gets its ticks in order, never interleaved.
      let writing: Promise<void> = stream.writeSSE({
        event: 'snapshot',
        data: JSON.stringify(hub.snapshot()),
        retry: RETRY_MS,
      });
      let queued = 0;
      const unsubscribe = hub.subscribe((tick) => {
        // A page that stopped reading is dropped (it reconnects and gets a snapshot), not buffered for.
        if (queued >= MAX_QUEUED) return end();
        queued++;
        writing = writing
          .then(() => stream.writeSSE({ event: 'tick', data: JSON.stringify(tick) }))
          .then(() => {
            queued--;
          }, end);
      }, end);
      stream.onAbort(end);
      await ended;
      unsubscribe();
      await writing.catch(() => {});
    });
  });
  return app;
}
