/** Seeded generators for the travel-booking rows: the same seed gives the same workload. */
import { mulberry32 } from '@inlet/schemas/mulberry32';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** Draws from mulberry32 seeded with `seed`. */
export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, maxInclusive: number) => min + Math.floor(next() * (maxInclusive - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick() from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
  };
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Edsger', 'Frances', 'Tim'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Allen', 'Lee'];
const CITIES = [
  ['Lisbon', 'PT', 'LIS'],
  ['Paris', 'FR', 'CDG'],
  ['Berlin', 'DE', 'BER'],
  ['Rome', 'IT', 'FCO'],
  ['Madrid', 'ES', 'MAD'],
  ['Amsterdam', 'NL', 'AMS'],
  ['Vienna', 'AT', 'VIE'],
  ['Athens', 'GR', 'ATH'],
] as const;
const AMENITIES = ['wifi', 'pool', 'parking', 'breakfast', 'gym', 'spa', 'kitchen', 'pets', 'sea view'];
const WORDS =
  'quiet bright spacious charming historic modern cosy central garden terrace river view old town walk beach station museum market balcony courtyard'.split(
    ' ',
  );
export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
export const PAYMENT_METHODS = ['card', 'paypal', 'bank_transfer', 'voucher'] as const;
export const LOYALTY_TIERS = ['basic', 'silver', 'gold', 'platinum'] as const;

export type City = (typeof CITIES)[number];

export const money = (random: Random, min: number, max: number): string =>
  (min + random.next() * (max - min)).toFixed(2);

export function userRow(random: Random, serial: number) {
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  return {
    email: `${first}.${last}.${serial}.${random.int(0, 1e9).toString(36)}@example.test`.toLowerCase(),
    fullName: `${first} ${last}`,
    country: random.pick(CITIES)[1],
    preferences: { newsletter: random.chance(0.5), seat: random.pick(['aisle', 'window']) },
  };
}

/** A description of 2.5–4 KB of varied words: over the 2 KB TOAST threshold. */
export function description(random: Random): string {
  const target = random.int(2_600, 4_000);
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const word = `${random.pick(WORDS)}${random.int(0, 999)}`;
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ');
}

export function propertyRow(random: Random) {
  const [city, country] = random.pick(CITIES);
  return {
    name: `${random.pick(WORDS)} ${random.pick(['Suites', 'Hotel', 'Apartments', 'Hostel', 'Inn'])}`,
    city,
    country,
    nightlyRate: money(random, 40, 400),
    amenities: AMENITIES.filter(() => random.chance(0.4)),
    description: description(random),
    rating: Math.round(random.next() * 50) / 10,
  };
}

export function flightRow(random: Random) {
  const from = random.pick(CITIES);
  let to = random.pick(CITIES);
  while (to === from) to = random.pick(CITIES);
  const departs = Date.now() + random.int(1, 120) * 86_400_000 + random.int(0, 86_399) * 1_000;
  return {
    flightNumber: `IN${random.int(100, 9999)}`,
    origin: from[2],
    destination: to[2],
    departsAt: new Date(departs).toISOString(),
    arrivesAt: new Date(departs + random.int(60, 300) * 60_000).toISOString(),
    fare: money(random, 30, 600),
    seatsLeft: random.int(50, 300),
  };
}

/** ISO dates of a stay that starts 1–180 days from now and lasts 1–14 nights. */
export function stay(random: Random): { checkIn: string; checkOut: string; nights: number } {
  const start = Date.now() + random.int(1, 180) * 86_400_000;
  const nights = random.int(1, 14);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { checkIn: day(start), checkOut: day(start + nights * 86_400_000), nights };
}
