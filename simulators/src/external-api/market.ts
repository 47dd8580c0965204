/**
 * Market-data stand-in, shaped like Polygon/Alpaca: quotes and one-minute OHLC bars, trading 24/7
 * (like a crypto venue, so the seed profile has data at any hour). Prices are a geometric random walk:
 * a daily walk from an origin day, filled in minute by minute with a Brownian bridge, so any minute's
 * price costs O(1) after a per-day cache and every query at any time agrees with every other.
 */
import { mulberry32 } from '@inlet/schemas/mulberry32';
import { symbolById, type Ticker } from './catalogue';
import { DAY_MS, iso, MINUTE_MS } from './clock';
import { gaussian, hash32, unit } from './random';

const ORIGIN = Date.UTC(2020, 0, 1);
const MINUTES_PER_DAY = 1440;

export interface Bar {
  readonly t: string;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
}

const round = (n: number) => (n >= 1000 ? Math.round(n * 100) / 100 : Math.round(n * 10_000) / 10_000);

export class MarketModel {
  /** Cumulative daily log-returns per symbol: index = days since ORIGIN (both directions). */
  readonly #daily = new Map<string, { fwd: number[]; back: number[] }>();
  /** Per (symbol, day): the within-day bridge deviations and minute volumes. Bounded LRU. */
  readonly #intraday = new Map<string, { dev: Float64Array; vol: Float64Array }>();

  #walk(s: Ticker, day: number): number {
    let w = this.#daily.get(s.symbol);
    if (!w) {
      w = { fwd: [0], back: [0] };
      this.#daily.set(s.symbol, w);
    }
    const list = day >= 0 ? w.fwd : w.back;
    const n = Math.abs(day);
    while (list.length <= n) {
      const k = list.length;
      const step = gaussian(mulberry32(hash32(s.symbol, 'day', day >= 0 ? k : -k))) * s.dailyVol;
      list.push((list[k - 1] ?? 0) + (day >= 0 ? step : -step));
    }
    return list[n] ?? 0;
  }

  #day(s: Ticker, day: number) {
    const key = `${s.symbol}:${day}`;
    const hit = this.#intraday.get(key);
    if (hit) return hit;
    const rand = mulberry32(hash32(s.symbol, 'minutes', day));
    const sigma = s.dailyVol / Math.sqrt(MINUTES_PER_DAY);
    const raw = new Float64Array(MINUTES_PER_DAY + 1);
    for (let k = 1; k <= MINUTES_PER_DAY; k++) raw[k] = (raw[k - 1] ?? 0) + gaussian(rand) * sigma;
    const end = raw[MINUTES_PER_DAY] ?? 0;
    const dev = raw.map((v, k) => v - (k / MINUTES_PER_DAY) * end);
    const vol = new Float64Array(MINUTES_PER_DAY);
    for (let k = 0; k < MINUTES_PER_DAY; k++) {
      // U-shaped activity over the UTC day, lognormal noise.
      const shape = 0.6 + 0.8 * Math.cos((2 * Math.PI * (k - 870)) / MINUTES_PER_DAY) ** 2;
      vol[k] = Math.round(s.minuteVolume * shape * Math.exp(0.5 * gaussian(rand)));
    }
    const entry = { dev, vol };
    this.#intraday.set(key, entry);
    if (this.#intraday.size > 256) {
      const oldest = this.#intraday.keys().next().value;
      if (oldest !== undefined) this.#intraday.delete(oldest);
    }
    return entry;
  }

  /** Price at the start of minute `minute` (minutes since the epoch). */
  #priceAtMinute(s: Ticker, minute: number): number {
    const day = Math.floor((minute * MINUTE_MS - ORIGIN) / DAY_MS);
    const k = minute - (ORIGIN + day * DAY_MS) / MINUTE_MS;
    const w0 = this.#walk(s, day);
    const w1 = this.#walk(s, day + 1);
    const dev = this.#day(s, day).dev[k] ?? 0;
    return s.basePrice * Math.exp(w0 + (k / MINUTES_PER_DAY) * (w1 - w0) + dev);
  }

  #volume(s: Ticker, minute: number): number {
    const day = Math.floor((minute * MINUTE_MS - ORIGIN) / DAY_MS);
    const k = minute - (ORIGIN + day * DAY_MS) / MINUTE_MS;
    return this.#day(s, day).vol[k] ?? 0;
  }

  /** The one-minute bar that starts at `minute`. */
  bar(s: Ticker, minute: number): Bar {
    const o = this.#priceAtMinute(s, minute);
    const c = this.#priceAtMinute(s, minute + 1);
    const wiggle = s.dailyVol / Math.sqrt(MINUTES_PER_DAY);
    const h = Math.max(o, c) * (1 + wiggle * unit(s.symbol, 'h', minute));
    const l = Math.min(o, c) * (1 - wiggle * unit(s.symbol, 'l', minute));
    return {
      t: iso(minute * MINUTE_MS),
      o: round(o),
      h: round(h),
      l: round(l),
      c: round(c),
      v: this.#volume(s, minute),
    };
  }

  /** Closed bars with start time in (sinceMs, untilMs), at most `limit`, oldest first. */
  bars(symbol: string, sinceMs: number, untilMs: number, limit: number): Bar[] | undefined {
    const s = symbolById(symbol);
    if (!s) return undefined;
    const out: Bar[] = [];
    let minute = Math.floor(sinceMs / MINUTE_MS) + 1;
    for (; out.length < limit && minute * MINUTE_MS < untilMs; minute++) out.push(this.bar(s, minute));
    return out;
  }

  /** Quote as of the latest whole second at or before `now`. */
  quote(symbol: string, now: number) {
    const s = symbolById(symbol);
    if (!s) return undefined;
    const second = Math.floor(now / 1000);
    const minute = Math.floor(second / 60);
    const f = (second % 60) / 60;
    const a = this.#priceAtMinute(s, minute);
    const b = this.#priceAtMinute(s, minute + 1);
    const noise = (unit(s.symbol, 'q', second) - 0.5) * 0.0004;
    const price = (a + (b - a) * f) * (1 + noise);
    const spread = price * 0.0001;
    return {
      symbol: s.symbol,
      name: s.name,
      currency: s.currency,
      price: round(price),
      bid: round(price - spread / 2),
      ask: round(price + spread / 2),
      minute_volume: Math.round(this.#volume(s, minute) * f),
      ts: iso(second * 1000),
    };
  }
}
