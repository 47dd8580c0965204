/**
 * The gateway's HTTP app: a plain Hono object, wired to its config and publisher by the caller
 * and tested in-process with `app.request()`. Importing it opens nothing and reads no env.
 */
import { resolveTopicNames } from '@inlet/schemas';
import { Hono } from 'hono';
import { Registry } from 'prom-client';
import { normalizeIp } from '../ingest/client-ip';
import { Dedup } from '../ingest/dedup';
import { LiveBus } from '../live/live-bus';
import { createMetrics } from '../metrics/metrics';
import { cors } from '../middleware/cors';
import { observe } from '../middleware/observe';
import { RateLimiter } from '../middleware/rate-limit/token-bucket';
import { requestLimits } from '../middleware/request-limits';
import { healthRoutes } from '../routes/health';
import { ingestRoutes } from '../routes/ingest';
import { liveRoutes } from '../routes/live';
import { metricsRoutes } from '../routes/metrics';
import { openApiRoutes } from '../routes/openapi';
import { pixelRoutes } from '../routes/pixel';
import { schemaRoutes } from '../routes/schemas';
import { createLogger } from './logger';
import { notFound, onError } from './on-error';
import type { AppDeps, AppEnv, Runtime } from './types';

/** No peer address: without a server to ask, the client is unknown (and X-Forwarded-For untrusted). */
const unknownPeer = (): undefined => undefined;

export function resolveRuntime(deps: AppDeps): Runtime {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const trusted = config.trustedProxies.map((ip) => normalizeIp(ip) ?? ip);
  const live = new LiveBus({ sampleRate: config.liveSampleRate, now, random });
  return {
    config,
    publisher: deps.publisher,
    logger: deps.logger ?? createLogger(config),
    metrics: createMetrics(
      deps.registry ?? new Registry(),
      () => deps.publisher.status(),
      () => live.listenerCount,
    ),
    now,
    random,
    peerAddress: deps.peerAddress ?? unknownPeer,
    topicNames: resolveTopicNames(config.topics),
    writeKeys: new Map(config.writeKeys.map((k) => [k.key, k])),
    trustedProxies: new Set(trusted),
    dedup: new Dedup({
      windowMs: config.dedupWindowMs,
      unloadWindowMs: config.dedupUnloadWindowMs,
      maxEntries: config.dedupMaxEntries,
      now,
    }),
    rateLimiter: new RateLimiter(now),
    live,
    signal: deps.signal,
  };
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const rt = resolveRuntime(deps);
  const app = new Hono<AppEnv>();
  app.use('*', observe(rt), cors(rt), requestLimits());
  ingestRoutes(app, rt);
  pixelRoutes(app, rt);
  healthRoutes(app, rt);
  metricsRoutes(app, rt);
  schemaRoutes(app, rt);
  openApiRoutes(app, rt);
  liveRoutes(app, rt);
  app.onError(onError);
  app.notFound(notFound);
  return app;
}
