import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from './clock';
import { MapsModel } from './maps';
import { MarketModel } from './market';
import { WeatherModel } from './weather';

const T = Date.parse('2026-03-01T12:03:20Z');

describe('weather model', () => {
  const weather = new WeatherModel();

  it('answers the same at the same time, and reports on the 5-minute station step', () => {
    expect(weather.current('paris', T)).toEqual(new WeatherModel().current('paris', T + 60_000));
    expect(weather.current('paris', T)?.current.observed_at).toBe('2026-03-01T12:00:00.000Z');
    expect(weather.current('atlantis', T)).toBeUndefined();
  });

  it('follows a diurnal cycle: local afternoon warmer than the small hours, on average', () => {
    let afternoon = 0;
    let night = 0;
    for (let day = 0; day < 20; day++) {
      const midnightUtc = Date.parse('2026-05-01T00:00:00Z') + day * 24 * HOUR_MS;
      // Paris is UTC+1 in the model: 15:00 local = 14:00 UTC, 04:00 local = 03:00 UTC.
      afternoon += Number(weather.current('paris', midnightUtc + 14 * HOUR_MS)?.current.temp_c);
      night += Number(weather.current('paris', midnightUtc + 3 * HOUR_MS)?.current.temp_c);
    }
    expect(afternoon / 20 - night / 20).toBeGreaterThan(4);
  });

  it('issues hourly forecasts, and drift renames temp_c', () => {
    const f = weather.forecast('tokyo', T, 3);
    expect(f?.issued_at).toBe('2026-03-01T12:00:00.000Z');
    expect(f?.hourly.map((h) => h.time)).toEqual([
      '2026-03-01T13:00:00.000Z',
      '2026-03-01T14:00:00.000Z',
      '2026-03-01T15:00:00.000Z',
    ]);
    const drifted = weather.current('tokyo', T, true)?.current as Record<string, unknown>;
    expect(drifted.temp_c).toBeUndefined();
    expect(typeof drifted.temperature_c).toBe('number');
  });
});

describe('market model', () => {
  const market = new MarketModel();

  it('bars chain: each close is the next open, and any window agrees with any other', () => {
    const since = T - 10 * MINUTE_MS;
    const bars = market.bars('AAPL', since, T, 100) ?? [];
    expect(bars).toHaveLength(10);
    for (let i = 1; i < bars.length; i++) expect(bars[i]?.o).toBe(bars[i - 1]?.c);
    for (const b of bars) {
      expect(b.h).toBeGreaterThanOrEqual(Math.max(b.o, b.c));
      expect(b.l).toBeLessThanOrEqual(Math.min(b.o, b.c));
    }
    expect(new MarketModel().bars('aapl', since + 4 * MINUTE_MS, T, 2)).toEqual(bars.slice(4, 6));
  });

  it('is continuous across a day boundary (a Brownian bridge, not a jump)', () => {
    const midnight = Date.parse('2026-03-02T00:00:00Z');
    const [before, after] = market.bars('NVDA', midnight - 2 * MINUTE_MS, midnight + MINUTE_MS, 2) ?? [];
    expect(after?.o).toBe(before?.c);
    expect(Math.abs((after?.c ?? 0) / (before?.o ?? 1) - 1)).toBeLessThan(0.02);
  });

  it('quotes move by the second and are stable within it', () => {
    expect(market.quote('MSFT', T)).toEqual(market.quote('MSFT', T + 999));
    expect(market.quote('MSFT', T)?.ts).toBe('2026-03-01T12:03:20.000Z');
    expect(market.quote('NOPE', T)).toBeUndefined();
  });
});

describe('maps model', () => {
  const maps = new MapsModel();

  it('lists only incidents active now, each re-assessed at most every 15 minutes', () => {
    const list = maps.incidents('london', T) ?? [];
    expect(list.length).toBeGreaterThan(0);
    for (const i of list) {
      const start = Date.parse(String(i.started_at));
      const updated = Date.parse(String(i.updated_at));
      expect(start).toBeLessThanOrEqual(T);
      expect(Date.parse(String(i.expected_end))).toBeGreaterThan(T);
      expect(T - updated).toBeLessThan(15 * MINUTE_MS);
      expect((updated - start) % (15 * MINUTE_MS)).toBe(0);
    }
    expect(new MapsModel().incidents('london', T)).toEqual(list);
  });

  it('geocodes over the gazetteer', () => {
    const hits = maps.geocode('Sydney');
    expect(hits.length).toBeGreaterThanOrEqual(40);
    expect(hits.every((p) => p.city === 'Sydney')).toBe(true);
    expect(maps.geocode('   ')).toEqual([]);
  });
});
