/**
 * What the stand-ins know about: real cities (stable ids a config can name), the map areas around
 * them, and ticker symbols. Fixed lists, so configs and tests survive faker upgrades; faker fills in
 * the details (stations, streets, incident texts).
 */

export interface City {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  /** Hours from UTC, standard time (good enough for a diurnal cycle). */
  readonly utcOffset: number;
  /** Annual mean temperature, °C. */
  readonly meanC: number;
  /** Summer–winter half-amplitude, °C. */
  readonly seasonalC: number;
  /** Day–night half-amplitude, °C. */
  readonly diurnalC: number;
}

const city = (
  id: string,
  name: string,
  country: string,
  lat: number,
  lon: number,
  utcOffset: number,
  meanC: number,
  seasonalC: number,
  diurnalC: number,
): City => ({ id, name, country, lat, lon, utcOffset, meanC, seasonalC, diurnalC });

export const CITIES: readonly City[] = [
  city('paris', 'Paris', 'FR', 48.8566, 2.3522, 1, 12.5, 8, 4.5),
  city('london', 'London', 'GB', 51.5072, -0.1276, 0, 11.5, 6.5, 4),
  city('berlin', 'Berlin', 'DE', 52.52, 13.405, 1, 10.5, 9.5, 4.5),
  city('madrid', 'Madrid', 'ES', 40.4168, -3.7038, 1, 15, 10, 7),
  city('new-york', 'New York', 'US', 40.7128, -74.006, -5, 13, 12, 4.5),
  city('chicago', 'Chicago', 'US', 41.8781, -87.6298, -6, 10.5, 14, 5),
  city('sao-paulo', 'São Paulo', 'BR', -23.5505, -46.6333, -3, 19.5, 3.5, 5),
  city('nairobi', 'Nairobi', 'KE', -1.2921, 36.8219, 3, 19, 1.5, 6),
  city('mumbai', 'Mumbai', 'IN', 19.076, 72.8777, 5.5, 27.5, 2.5, 3.5),
  city('singapore', 'Singapore', 'SG', 1.3521, 103.8198, 8, 27.5, 0.8, 3.5),
  city('tokyo', 'Tokyo', 'JP', 35.6762, 139.6503, 9, 16, 10, 4),
  city('sydney', 'Sydney', 'AU', -33.8688, 151.2093, 10, 18, 5, 4),
];

export interface Ticker {
  readonly symbol: string;
  readonly name: string;
  readonly currency: string;
  /** Price on the model's origin day. */
  readonly basePrice: number;
  /** Daily volatility (standard deviation of the daily log return). */
  readonly dailyVol: number;
  /** Typical volume per minute. */
  readonly minuteVolume: number;
}

const sym = (
  symbol: string,
  name: string,
  basePrice: number,
  dailyVol: number,
  minuteVolume: number,
  currency = 'USD',
): Ticker => ({ symbol, name, currency, basePrice, dailyVol, minuteVolume });

export const SYMBOLS: readonly Ticker[] = [
  sym('AAPL', 'Apple Inc.', 190, 0.016, 40_000),
  sym('MSFT', 'Microsoft Corp.', 410, 0.015, 20_000),
  sym('GOOGL', 'Alphabet Inc.', 160, 0.018, 18_000),
  sym('AMZN', 'Amazon.com Inc.', 180, 0.02, 30_000),
  sym('NVDA', 'NVIDIA Corp.', 120, 0.03, 250_000),
  sym('TSLA', 'Tesla Inc.', 240, 0.035, 90_000),
  sym('SAP', 'SAP SE', 190, 0.014, 4_000, 'EUR'),
  sym('BTC-USD', 'Bitcoin', 60_000, 0.03, 25),
];

export const cityById = (id: string): City | undefined => CITIES.find((c) => c.id === id);
export const symbolById = (id: string): Ticker | undefined =>
  SYMBOLS.find((s) => s.symbol === id.toUpperCase());
