/**
 * The stand-ins as one Hono app: `/weather/v1/*`, `/maps/v1/*`, `/market/v1/*`, and `/admin/*` to
 * switch faults, move a manual clock and read counters. A plain object: tests call `app.request()`,
 * `server.ts` serves it on 127.0.0.1.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import * as z from 'zod';
import { CITIES, SYMBOLS } from './catalogue';
import { type Clock, isManualClock, systemClock } from './clock';
import { FaultBoard, type FaultSpec, FaultSpecSchema, PROVIDERS, type Provider } from './faults';
import { MapsModel } from './maps';
import { MarketModel } from './market';
import { addProviderRoutes, ITEM_COUNT } from './provider-routes';
import { Stats } from './stats';
import { WeatherModel } from './weather';

export interface ExternalApiOptions {
  /** Source of "now" for every answer. Default: the system clock. */
  clock?: Clock;
  /** Accepted API keys. Default: `['inlet-dev-key']`. */
  apiKeys?: readonly string[];
  /** When set, `/admin/*` needs it in `X-Admin-Key`. Default: unset (the server binds 127.0.0.1 only). */
  adminKey?: string;
  /** Seed of the fault draws. Default: 1. */
  seed?: number;
  /** How often weather stations report. Default: 300 000 (5 minutes). */
  weatherObservationStepMs?: number;
  /** Faults switched on from the start. Default: none. */
  faults?: Partial<Record<Provider, FaultSpec>>;
  /** Ends hung requests (the `hang` fault) when aborted: the server aborts it on close. */
  closeSignal?: AbortSignal;
}

export const DEFAULT_API_KEY = 'inlet-dev-key';

/** Where each provider takes its key, like the real ones: OpenWeather `appid`, Google `key`, a header. */
export const AUTH = {
  weather: { in: 'query', name: 'appid' },
  maps: { in: 'query', name: 'key' },
  market: { in: 'header', name: 'X-Api-Key' },
} as const satisfies Record<Provider, { in: 'query' | 'header'; name: string }>;

export interface ExternalApi {
  readonly app: Hono;
  readonly clock: Clock;
  readonly faults: FaultBoard;
  readonly stats: Stats;
}

const json = (c: Context, status: 400 | 401 | 404 | 409, error: string, message: string) =>
  c.json({ error, message }, status);

function guard(provider: Provider, keys: ReadonlySet<string>, d: ExternalApi, closeSignal?: AbortSignal) {
  const auth = AUTH[provider];
  const middleware: MiddlewareHandler = async (c, next) => {
    d.stats.request(provider);
    const key = auth.in === 'query' ? c.req.query(auth.name) : c.req.header(auth.name);
    if (key === undefined || !keys.has(key)) {
      const where = auth.in === 'query' ? `the ${auth.name} query parameter` : `the ${auth.name} header`;
      c.res = json(c, 401, 'unauthorized', `missing or unknown API key: send it in ${where}`);
    } else {
      const signals = [c.req.raw.signal, ...(closeSignal ? [closeSignal] : [])];
      const signal = AbortSignal.any(signals);
      const latency = d.faults.latencyMs(provider);
      if (latency > 0) await sleep(latency, undefined, { signal }).catch(() => undefined);
      const fault = d.faults.draw(provider);
      if (fault?.kind === 'hang') {
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        c.res = c.json({ error: 'gateway_timeout' }, 504);
      } else if (fault?.kind === 'status') {
        if (fault.retryAfterS !== undefined) c.header('Retry-After', String(fault.retryAfterS));
        const error = fault.status === 429 ? 'rate_limited' : 'upstream_error';
        c.res = c.json({ error, message: `simulated ${fault.status}` }, fault.status);
      } else {
        await next();
        if (fault?.kind === 'malformed' && c.res.status === 200) {
          const text = await c.res.text();
          c.res = new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          });
        } else if (c.res.status === 200) {
          d.stats.served(provider, Number(c.res.headers.get(ITEM_COUNT) ?? 0));
        }
      }
    }
    d.stats.status(provider, c.res.status);
  };
  return middleware;
}

const ClockBody = z.strictObject({
  now: z.iso.datetime({ offset: true }).optional(),
  advanceMs: z.int().optional(),
});

function addAdminRoutes(app: Hono, d: ExternalApi, adminKey: string | undefined): void {
  app.use('/admin/*', async (c, next) => {
    if (adminKey !== undefined && c.req.header('X-Admin-Key') !== adminKey) {
      return json(c, 401, 'unauthorized', 'admin endpoints need the X-Admin-Key header');
    }
    return next();
  });
  const provider = (c: Context): Provider | undefined => {
    const p = c.req.param('provider');
    return PROVIDERS.find((x) => x === p);
  };
  app.get('/admin/faults', (c) => c.json(d.faults.all()));
  app.put('/admin/faults/:provider', async (c) => {
    const p = provider(c);
    if (!p) return json(c, 404, 'not_found', `provider must be one of ${PROVIDERS.join(', ')}`);
    const body = FaultSpecSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return c.json({ error: 'bad_request', issues: body.error.issues }, 400);
    d.faults.set(p, body.data);
    return c.json(d.faults.all());
  });
  app.delete('/admin/faults/:provider', (c) => {
    const p = provider(c);
    if (!p) return json(c, 404, 'not_found', `provider must be one of ${PROVIDERS.join(', ')}`);
    d.faults.clear(p);
    return c.json(d.faults.all());
  });
  app.delete('/admin/faults', (c) => {
    d.faults.clear();
    return c.json({});
  });
  app.get('/admin/clock', (c) =>
    c.json({ now: new Date(d.clock.now()).toISOString(), manual: isManualClock(d.clock) }),
  );
  app.put('/admin/clock', async (c) => {
    if (!isManualClock(d.clock)) {
      return json(c, 409, 'conflict', 'the clock is the system clock; start the server with --clock <iso>');
    }
    const body = ClockBody.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return c.json({ error: 'bad_request', issues: body.error.issues }, 400);
    if (body.data.now !== undefined) d.clock.set(Date.parse(body.data.now));
    if (body.data.advanceMs !== undefined) d.clock.advance(body.data.advanceMs);
    return c.json({ now: new Date(d.clock.now()).toISOString(), manual: true });
  });
  app.get('/admin/stats', (c) => c.json(d.stats.snapshot()));
  app.delete('/admin/stats', (c) => {
    d.stats.reset();
    return c.json({});
  });
  app.get('/admin/catalogue', (c) =>
    c.json({
      cities: CITIES.map((x) => x.id),
      areas: CITIES.map((x) => x.id),
      symbols: SYMBOLS.map((x) => x.symbol),
    }),
  );
}

export function createExternalApiApp(options: ExternalApiOptions = {}): ExternalApi {
  const clock = options.clock ?? systemClock;
  const app = new Hono();
  const api: ExternalApi = { app, clock, faults: new FaultBoard(options.seed ?? 1), stats: new Stats() };
  for (const [p, spec] of Object.entries(options.faults ?? {})) if (spec) api.faults.set(p as Provider, spec);
  const keys = new Set(options.apiKeys ?? [DEFAULT_API_KEY]);
  for (const p of PROVIDERS) {
    app.use(`/${p}/*`, guard(p, keys, api, options.closeSignal));
    app.use(`/${p}/*`, etag());
  }
  const weatherOptions =
    options.weatherObservationStepMs === undefined
      ? {}
      : { observationStepMs: options.weatherObservationStepMs };
  addProviderRoutes(app, {
    now: () => clock.now(),
    weather: new WeatherModel(weatherOptions),
    maps: new MapsModel(),
    market: new MarketModel(),
    faults: api.faults,
  });
  addAdminRoutes(app, api, options.adminKey);
  app.get('/health', (c) => c.json({ ok: true }));
  app.notFound((c) => json(c, 404, 'not_found', `no route ${c.req.method} ${c.req.path}`));
  return api;
}
