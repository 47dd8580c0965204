/** The three providers' data endpoints. Auth, faults and ETags are applied around them in `app.ts`. */
import type { Context, Hono } from 'hono';
import { CITIES, SYMBOLS } from './catalogue';
import { MINUTE_MS } from './clock';
import type { FaultBoard } from './faults';
import type { MapsModel } from './maps';
import type { MarketModel } from './market';
import type { WeatherModel } from './weather';

export interface ProviderDeps {
  readonly now: () => number;
  readonly weather: WeatherModel;
  readonly maps: MapsModel;
  readonly market: MarketModel;
  readonly faults: FaultBoard;
}

/** Records in a 200 response; the stats middleware counts them (not on 304s or faults). */
export const ITEM_COUNT = 'X-Item-Count';

const bad = (c: Context, message: string) => c.json({ error: 'bad_request', message }, 400);
const notFound = (c: Context, message: string) => c.json({ error: 'not_found', message }, 404);

/** An optional positive integer query parameter within [1, max]; a string is the error message. */
function intParam(c: Context, name: string, fallback: number, max: number): number | string {
  const text = c.req.query(name);
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    return `${name} must be an integer from 1 to ${max}, got "${text}"`;
  return n;
}

function timeParam(c: Context, name: string): number | undefined | string {
  const text = c.req.query(name);
  if (text === undefined || text === '') return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? `${name} must be an ISO 8601 date-time, got "${text}"` : ms;
}

/** Page-based pagination, like most REST APIs: `page` (1-based) and `per_page`. */
function paginate<T>(c: Context, items: readonly T[]) {
  const page = intParam(c, 'page', 1, 10_000);
  const perPage = intParam(c, 'per_page', 20, 100);
  if (typeof page === 'string') return page;
  if (typeof perPage === 'string') return perPage;
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const next = page * perPage < items.length ? page + 1 : null;
  return { slice, meta: { page, per_page: perPage, total: items.length, next_page: next } };
}

const encodeCursor = (symbol: string, after: number, until: number) =>
  Buffer.from(JSON.stringify({ s: symbol, a: after, u: until })).toString('base64url');

function decodeCursor(text: string): { s: string; a: number; u: number } | undefined {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof v.s === 'string' && typeof v.a === 'number' && typeof v.u === 'number') {
      return { s: v.s, a: v.a, u: v.u };
    }
  } catch {}
  return undefined;
}

export function addProviderRoutes(app: Hono, d: ProviderDeps): void {
  app.get('/weather/v1/cities', (c) => c.json({ cities: CITIES.map((city) => d.weather.cityInfo(city)) }));
  app.get('/weather/v1/current', (c) => {
    const city = c.req.query('city');
    if (!city) return bad(c, 'city is required (see /weather/v1/cities)');
    const body = d.weather.current(city, d.now(), d.faults.drift('weather'));
    if (!body) return notFound(c, `unknown city "${city}" (see /weather/v1/cities)`);
    c.header(ITEM_COUNT, String(1));
    return c.json(body);
  });
  app.get('/weather/v1/forecast', (c) => {
    const city = c.req.query('city');
    const hours = intParam(c, 'hours', 24, 48);
    if (!city) return bad(c, 'city is required (see /weather/v1/cities)');
    if (typeof hours === 'string') return bad(c, hours);
    const body = d.weather.forecast(city, d.now(), hours, d.faults.drift('weather'));
    if (!body) return notFound(c, `unknown city "${city}" (see /weather/v1/cities)`);
    c.header(ITEM_COUNT, String(1));
    return c.json(body);
  });

  app.get('/maps/v1/geocode', (c) => {
    const q = c.req.query('q');
    if (!q) return bad(c, 'q is required');
    const page = paginate(c, d.maps.geocode(q));
    if (typeof page === 'string') return bad(c, page);
    c.header(ITEM_COUNT, String(page.slice.length));
    return c.json({ query: q, results: page.slice, ...page.meta });
  });
  app.get('/maps/v1/incidents', (c) => {
    const area = c.req.query('area');
    if (!area) return bad(c, 'area is required (a city id, see /weather/v1/cities)');
    const now = d.now();
    const all = d.maps.incidents(area, now, d.faults.drift('maps'));
    if (!all) return notFound(c, `unknown area "${area}"`);
    const page = paginate(c, all);
    if (typeof page === 'string') return bad(c, page);
    c.header(ITEM_COUNT, String(page.slice.length));
    return c.json({ area, as_of: new Date(now).toISOString(), incidents: page.slice, ...page.meta });
  });

  app.get('/market/v1/symbols', (c) =>
    c.json({ symbols: SYMBOLS.map(({ symbol, name, currency }) => ({ symbol, name, currency })) }),
  );
  app.get('/market/v1/quotes', (c) => {
    const list = (c.req.query('symbols') ?? '').split(',').filter((s) => s !== '');
    if (list.length === 0) return bad(c, 'symbols is required, e.g. symbols=AAPL,MSFT');
    const now = d.now();
    const quotes = list.map((s) => d.market.quote(s, now));
    const unknown = list.filter((_, i) => quotes[i] === undefined);
    if (unknown.length > 0) return notFound(c, `unknown symbols: ${unknown.join(', ')}`);
    c.header(ITEM_COUNT, String(quotes.length));
    const drift = d.faults.drift('market');
    return c.json({
      quotes: drift ? quotes.map((q) => q && { ...q, last: q.price, price: undefined }) : quotes,
    });
  });
  app.get('/market/v1/bars', (c) => {
    const limit = intParam(c, 'limit', 100, 1000);
    if (typeof limit === 'string') return bad(c, limit);
    const now = d.now();
    const closedUntil = Math.floor(now / MINUTE_MS) * MINUTE_MS - MINUTE_MS + 1; // bars whose minute is over
    let symbol = c.req.query('symbol');
    let since: number;
    let until: number;
    const cursorText = c.req.query('cursor');
    if (cursorText) {
      const cursor = decodeCursor(cursorText);
      if (!cursor) return bad(c, 'cursor is not one this API returned');
      ({ s: symbol, a: since, u: until } = cursor);
    } else {
      if (!symbol) return bad(c, 'symbol is required (see /market/v1/symbols)');
      const s = timeParam(c, 'since');
      const u = timeParam(c, 'until');
      if (typeof s === 'string') return bad(c, s);
      if (typeof u === 'string') return bad(c, u);
      since = Math.max(s ?? now - 24 * 60 * MINUTE_MS, now - 7 * 24 * 60 * MINUTE_MS);
      until = Math.min(u ?? closedUntil, closedUntil);
    }
    const bars = d.market.bars(symbol, since, until, limit);
    if (!bars) return notFound(c, `unknown symbol "${symbol}" (see /market/v1/symbols)`);
    const last = bars.at(-1);
    const more = last !== undefined && bars.length === limit && Date.parse(last.t) + MINUTE_MS < until;
    c.header(ITEM_COUNT, String(bars.length));
    const drift = d.faults.drift('market');
    return c.json({
      symbol: symbol.toUpperCase(),
      interval: '1m',
      bars: drift ? bars.map(({ c: close, ...rest }) => ({ ...rest, close })) : bars,
      next_cursor: more && last ? encodeCursor(symbol, Date.parse(last.t), until) : null,
    });
  });
}
