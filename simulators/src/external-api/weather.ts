/**
 * Weather stand-in, shaped like OpenWeather's: current conditions (a station report every
 * `observationStepMs`) and an hourly forecast issued every hour. Temperature = annual mean + season +
 * diurnal cycle (peak mid-afternoon, local time) + smooth weather noise; forecasts add an error that
 * grows with lead time.
 */
import { type City, cityById } from './catalogue';
import { DAY_MS, floorTo, HOUR_MS, iso, MINUTE_MS } from './clock';
import { seededFaker, smoothNoise, unit } from './random';

const CONDITIONS = ['clear', 'clouds', 'overcast', 'drizzle', 'rain', 'thunderstorm'] as const;

export interface WeatherOptions {
  /** How often stations report current conditions. Default: 5 minutes. */
  observationStepMs?: number;
}

interface Conditions {
  temp: number;
  humidity: number;
  pressure: number;
  windKph: number;
  windDeg: number;
  cloud: number;
  condition: (typeof CONDITIONS)[number];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function truth(c: City, ms: number): Conditions {
  const localHour = (((ms / HOUR_MS + c.utcOffset) % 24) + 24) % 24;
  const dayOfYear = (ms % (365.25 * DAY_MS)) / DAY_MS;
  const hemisphere = c.lat >= 0 ? 1 : -1;
  const season = hemisphere * c.seasonalC * Math.cos((2 * Math.PI * (dayOfYear - 200)) / 365.25);
  const diurnal = c.diurnalC * Math.sin((2 * Math.PI * (localHour - 9)) / 24);
  const weather = 2.5 * smoothNoise(`${c.id}:temp`, ms, 6 * HOUR_MS);
  const cloud = (smoothNoise(`${c.id}:cloud`, ms, 4 * HOUR_MS) + 1) / 2;
  const temp = c.meanC + season + diurnal + weather - 2 * cloud;
  const condition =
    CONDITIONS[Math.min(CONDITIONS.length - 1, Math.floor(cloud * cloud * CONDITIONS.length))];
  return {
    temp,
    humidity: Math.round(Math.min(100, Math.max(15, 55 + 35 * cloud - 1.2 * diurnal))),
    pressure: Math.round(1013 + 12 * smoothNoise(`${c.id}:pressure`, ms, 12 * HOUR_MS) - 8 * cloud),
    windKph: round1(Math.max(0, 12 + 10 * smoothNoise(`${c.id}:wind`, ms, 3 * HOUR_MS))),
    windDeg: Math.round(((((smoothNoise(`${c.id}:wdir`, ms, 8 * HOUR_MS) + 1) * 180) % 360) + 360) % 360),
    cloud,
    condition: condition ?? 'clear',
  };
}

export class WeatherModel {
  readonly #stepMs: number;
  constructor(options: WeatherOptions = {}) {
    this.#stepMs = options.observationStepMs ?? 5 * MINUTE_MS;
  }

  cityInfo(c: City) {
    return { id: c.id, name: c.name, country: c.country, coord: { lat: c.lat, lon: c.lon } };
  }

  /** Current conditions as of the latest station report at or before `now`; undefined for an unknown city. */
  current(cityId: string, now: number, drift = false) {
    const c = cityById(cityId);
    if (!c) return undefined;
    const at = floorTo(now, this.#stepMs);
    const t = truth(c, at);
    const station = seededFaker('station', c.id).location.street();
    const tempKey = drift ? 'temperature_c' : 'temp_c';
    return {
      city: this.cityInfo(c),
      current: {
        observed_at: iso(at),
        [tempKey]: round1(t.temp),
        feels_like_c: round1(t.temp - t.windKph / 12 + (t.humidity > 70 && t.temp > 20 ? 2 : 0)),
        humidity: t.humidity,
        pressure_hpa: t.pressure,
        wind_kph: t.windKph,
        wind_deg: t.windDeg,
        cloud_pct: Math.round(t.cloud * 100),
        condition: t.condition,
        station: `${c.name} ${station}`,
      },
    };
  }

  /** Hourly forecast issued at the top of the hour at or before `now`, for `hours` hours. */
  forecast(cityId: string, now: number, hours: number, drift = false) {
    const c = cityById(cityId);
    if (!c) return undefined;
    const issued = floorTo(now, HOUR_MS);
    const tempKey = drift ? 'temperature_c' : 'temp_c';
    const hourly = Array.from({ length: hours }, (_, i) => {
      const at = issued + (i + 1) * HOUR_MS;
      const t = truth(c, at);
      // Forecast error: seeded per (issue, target), larger further out.
      const error = (unit(c.id, 'fc', issued, at) * 2 - 1) * (0.3 + 0.08 * i);
      const precip = Math.round(Math.min(1, Math.max(0, t.cloud * t.cloud + error / 10)) * 100);
      return {
        time: iso(at),
        [tempKey]: round1(t.temp + error),
        precip_prob: precip,
        wind_kph: t.windKph,
        condition: t.condition,
      };
    });
    return { city: this.cityInfo(c), issued_at: iso(issued), hourly };
  }
}
