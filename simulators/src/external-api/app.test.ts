import { describe, expect, it } from 'vitest';
import { createExternalApiApp } from './app';
import { ManualClock } from './clock';
import { parseFaultFlag } from './faults';

const T = Date.parse('2026-03-01T12:03:20Z');
const KEY = 'inlet-dev-key';
const market = { 'X-Api-Key': KEY };

function setup() {
  const clock = new ManualClock(T);
  return { ...createExternalApiApp({ clock }), clock };
}

describe('external API stand-ins: auth, ETags, pagination', () => {
  it('asks for the key where each provider takes it', async () => {
    const { app } = setup();
    expect((await app.request('/weather/v1/current?city=paris')).status).toBe(401);
    expect((await app.request('/weather/v1/current?city=paris&appid=wrong')).status).toBe(401);
    expect((await app.request('/weather/v1/current?city=paris&appid=inlet-dev-key')).status).toBe(200);
    expect((await app.request('/maps/v1/incidents?area=paris&key=inlet-dev-key')).status).toBe(200);
    expect((await app.request('/market/v1/quotes?symbols=AAPL&appid=inlet-dev-key')).status).toBe(401);
    expect((await app.request('/market/v1/quotes?symbols=AAPL', { headers: market })).status).toBe(200);
  });

  it('answers 304 to If-None-Match until the data changes', async () => {
    const { app, clock } = setup();
    const url = `/weather/v1/current?city=paris&appid=${KEY}`;
    const first = await app.request(url);
    const tag = first.headers.get('etag') ?? '';
    expect(tag).toMatch(/^".+"$/);
    expect((await app.request(url, { headers: { 'If-None-Match': tag } })).status).toBe(304);
    clock.advance(5 * 60_000); // next station report
    const changed = await app.request(url, { headers: { 'If-None-Match': tag } });
    expect(changed.status).toBe(200);
  });

  it('pages incidents without gaps or repeats', async () => {
    const { app } = setup();
    const all = (await (
      await app.request(`/maps/v1/incidents?area=paris&key=${KEY}&per_page=100`)
    ).json()) as {
      incidents: { id: string }[];
      total: number;
    };
    const ids: string[] = [];
    for (let page: number | null = 1; page !== null; ) {
      const res = await app.request(`/maps/v1/incidents?area=paris&key=${KEY}&per_page=3&page=${page}`);
      const body = (await res.json()) as { incidents: { id: string }[]; next_page: number | null };
      ids.push(...body.incidents.map((i) => i.id));
      page = body.next_page;
    }
    expect(ids).toEqual(all.incidents.map((i) => i.id));
    expect(ids.length).toBe(all.total);
  });

  it('serves bars incrementally: since is exclusive, cursors continue, only closed bars', async () => {
    const { app } = setup();
    const since = '2026-03-01T11:50:00Z';
    const t: string[] = [];
    let url: string | undefined = `/market/v1/bars?symbol=AAPL&since=${since}&limit=4`;
    while (url) {
      const body = (await (await app.request(url, { headers: market })).json()) as {
        bars: { t: string }[];
        next_cursor: string | null;
      };
      t.push(...body.bars.map((b) => b.t));
      url = body.next_cursor ? `/market/v1/bars?cursor=${body.next_cursor}&limit=4` : undefined;
    }
    // 11:51 … 12:02: the 12:03 bar is still open at 12:03:20.
    expect(t).toHaveLength(12);
    expect(t[0]).toBe('2026-03-01T11:51:00.000Z');
    expect(t.at(-1)).toBe('2026-03-01T12:02:00.000Z');
    const bad = await app.request('/market/v1/bars?symbol=AAPL&since=yesterday', { headers: market });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/since must be an ISO 8601/);
  });
});

describe('external API stand-ins: faults', () => {
  it('answers 429 with Retry-After for the next n requests, then recovers', async () => {
    const { app, faults, stats } = setup();
    faults.set('market', { status: 429, retryAfterS: 7, times: 2 });
    const codes: (number | string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.request('/market/v1/quotes?symbols=AAPL', { headers: market });
      codes.push(res.status, res.headers.get('retry-after'));
    }
    expect(codes).toEqual([429, '7', 429, '7', 200, null]);
    expect(stats.snapshot().market).toMatchObject({ requests: 3, statuses: { 200: 1, 429: 2 }, items: 1 });
  });

  it('serves 5xx, malformed bodies and drifted fields', async () => {
    const { app, faults } = setup();
    faults.set('weather', { status: 502 });
    expect((await app.request(`/weather/v1/current?city=paris&appid=${KEY}`)).status).toBe(502);
    faults.set('weather', { malformed: true });
    const text = await (await app.request(`/weather/v1/current?city=paris&appid=${KEY}`)).text();
    expect(() => JSON.parse(text)).toThrow();
    faults.set('maps', { drift: true });
    const body = (await (await app.request(`/maps/v1/incidents?area=paris&key=${KEY}`)).json()) as {
      incidents: Record<string, unknown>[];
    };
    expect(body.incidents[0]).toHaveProperty('last_updated');
    expect(body.incidents[0]).not.toHaveProperty('updated_at');
  });

  it('hits about `probability` of requests, the same ones for the same seed', async () => {
    const run = async () => {
      const { app, faults } = setup();
      faults.set('weather', { status: 503, probability: 0.3 });
      const out: number[] = [];
      for (let i = 0; i < 100; i++) out.push((await app.request(`/weather/v1/cities?appid=${KEY}`)).status);
      return out;
    };
    const a = await run();
    const failed = a.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(15);
    expect(failed).toBeLessThan(45);
    expect(await run()).toEqual(a);
  });

  it('switches faults and moves the manual clock through /admin', async () => {
    const { app } = setup();
    const put = (path: string, body: unknown) =>
      app.request(path, {
        method: 'PUT',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    expect((await put('/admin/faults/weather', { status: 503, retryAfterS: 2 })).status).toBe(200);
    expect((await app.request(`/weather/v1/cities?appid=${KEY}`)).headers.get('retry-after')).toBe('2');
    const invalid = await put('/admin/faults/weather', { status: 418 });
    expect(invalid.status).toBe(400);
    expect((await put('/admin/faults/weather', { hang: true, malformed: true })).status).toBe(400);
    expect((await put('/admin/faults/radio', {})).status).toBe(404);
    await app.request('/admin/faults', { method: 'DELETE' });
    expect((await app.request(`/weather/v1/cities?appid=${KEY}`)).status).toBe(200);
    const moved = await put('/admin/clock', { advanceMs: 3_600_000 });
    expect(await moved.json()).toEqual({ now: '2026-03-01T13:03:20.000Z', manual: true });
  });

  it('guards /admin with the admin key when one is set', async () => {
    const { app } = createExternalApiApp({ adminKey: 's3cret' });
    expect((await app.request('/admin/stats')).status).toBe(401);
    expect((await app.request('/admin/stats', { headers: { 'X-Admin-Key': 's3cret' } })).status).toBe(200);
    expect(
      (await app.request('/admin/clock', { method: 'PUT', body: '{}', headers: { 'X-Admin-Key': 's3cret' } }))
        .status,
    ).toBe(409);
  });
});

describe('parseFaultFlag', () => {
  it('reads the CLI form and names what is wrong', () => {
    expect(parseFaultFlag('market=status:429,retryAfter:2,probability:0.5')).toEqual({
      provider: 'market',
      spec: { status: 429, retryAfterS: 2, probability: 0.5 },
    });
    expect(parseFaultFlag('maps=drift,latency:100').spec).toEqual({ drift: true, latencyMs: 100 });
    expect(() => parseFaultFlag('radio=hang')).toThrow(/provider one of weather, maps, market/);
    expect(() => parseFaultFlag('weather=status:404')).toThrow(/status/);
    expect(() => parseFaultFlag('weather=bogus')).toThrow(/bogus/);
  });
});
