/**
 * `GET /v1/live` (admin): Server-Sent Events of accepted events (`event: event`, sampled and capped)
 * and per-topic counters (`event: counters`, at once and every second). Cleaned up when the client
 * disconnects or the app's `signal` aborts.
 */
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv, Runtime } from '../app/types';
import type { LiveMessage } from '../live/live-bus';
import { BoundedQueue } from '../live/sse-queue';
import { adminAuth } from '../middleware/admin-auth';

/** Messages waiting for a slow client at most; more are dropped. */
const QUEUE_CAPACITY = 256;

export function liveRoutes(app: Hono<AppEnv>, rt: Pick<Runtime, 'config' | 'live' | 'signal'>): void {
  app.get('/v1/live', adminAuth(rt.config.adminToken), (c) =>
    streamSSE(c, async (stream) => {
      const queue = new BoundedQueue<LiveMessage>(QUEUE_CAPACITY);
      const unsubscribe = rt.live.subscribe((message) => queue.push(message));
      const stop = () => {
        unsubscribe();
        queue.close();
      };
      stream.onAbort(stop);
      rt.signal?.addEventListener('abort', stop, { once: true });
      if (rt.signal?.aborted) stop();
      try {
        await stream.writeSSE({
          event: 'hello',
          data: JSON.stringify({ sampleRate: rt.config.liveSampleRate }),
          retry: 3000,
        });
        for (let message = await queue.next(); message !== undefined; message = await queue.next()) {
          await stream.writeSSE({ event: message.type, data: JSON.stringify(message.data) });
        }
      } finally {
        stop();
        rt.signal?.removeEventListener('abort', stop);
      }
    }),
  );
}
