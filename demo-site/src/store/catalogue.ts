/**
 * The shop's catalogue: stays in twelve destinations and flight deals, generated from a fixed
 * seed so every visitor, test and screenshot sees the same shop without a database.
 */
import { mulberry32 } from '@inlet/schemas/mulberry32';

export interface Destination {
  readonly city: string;
  readonly country: string;
  readonly tagline: string;
  /** Hue of the destination's artwork. */
  readonly hue: number;
  readonly airport: string;
}

export interface Property {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly city: string;
  readonly country: string;
  readonly neighbourhood: string;
  /** Euros per night. */
  readonly price: number;
  /** Out of 10. */
  readonly rating: number;
  readonly reviews: number;
  readonly amenities: readonly string[];
  readonly description: string;
  readonly maxGuests: number;
  readonly freeCancellation: boolean;
  readonly hue: number;
}

export interface Flight {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly toCity: string;
  readonly carrier: string;
  readonly price: number;
  /** Minutes. */
  readonly duration: number;
  readonly stops: number;
}

export const DESTINATIONS: readonly Destination[] = [
  {
    city: 'Lisbon',
    country: 'Portugal',
    tagline: 'Trams, tiles and Atlantic light',
    hue: 28,
    airport: 'LIS',
  },
  { city: 'Porto', country: 'Portugal', tagline: 'Port cellars on the Douro', hue: 12, airport: 'OPO' },
  {
    city: 'Barcelona',
    country: 'Spain',
    tagline: 'Gaudí, beaches and late dinners',
    hue: 350,
    airport: 'BCN',
  },
  { city: 'Amsterdam', country: 'Netherlands', tagline: 'Canals by bike', hue: 205, airport: 'AMS' },
  {
    city: 'Copenhagen',
    country: 'Denmark',
    tagline: 'Design, harbours and bakeries',
    hue: 190,
    airport: 'CPH',
  },
  { city: 'Rome', country: 'Italy', tagline: 'Two thousand years in a weekend', hue: 40, airport: 'FCO' },
  { city: 'Paris', country: 'France', tagline: 'Bistros and boulevards', hue: 225, airport: 'CDG' },
  { city: 'Vienna', country: 'Austria', tagline: 'Coffee houses and concerts', hue: 270, airport: 'VIE' },
  { city: 'Prague', country: 'Czechia', tagline: 'Spires over the Vltava', hue: 300, airport: 'PRG' },
  { city: 'Dubrovnik', country: 'Croatia', tagline: 'Walls above the Adriatic', hue: 175, airport: 'DBV' },
  {
    city: 'Edinburgh',
    country: 'United Kingdom',
    tagline: 'Closes, castles and festivals',
    hue: 150,
    airport: 'EDI',
  },
  {
    city: 'Reykjavik',
    country: 'Iceland',
    tagline: 'Northern lights and hot pools',
    hue: 240,
    airport: 'KEF',
  },
];

const CATEGORIES = ['Hotel', 'Boutique hotel', 'Apartment', 'Guesthouse', 'Villa'] as const;
const FIRST = ['Casa', 'Maison', 'The', 'Villa', 'Hotel', 'Residence', 'Palazzo', 'Quinta', 'Loft', 'Studio'];
const SECOND = [
  'Azul',
  'Harbour',
  'Lumen',
  'Olive',
  'Saltwater',
  'Linden',
  'Cobalt',
  'Marigold',
  'Juniper',
  'Atlas',
];
const THIRD = ['House', 'Rooms', 'Suites', 'Lodge', 'Terrace', 'Court', 'Garden', 'Yard'];
const AREAS = ['Old Town', 'Waterfront', 'City Centre', 'Arts District', 'Harbour', 'Riverside', 'Hillside'];
const AMENITIES = [
  'Free Wi-Fi',
  'Breakfast included',
  'Air conditioning',
  'Sea view',
  'Rooftop terrace',
  'Kitchen',
  'Airport shuttle',
  'Pool',
  'Spa',
  'Pet friendly',
  'Workspace',
  'Parking',
];
const CARRIERS = ['Aurora Air', 'SkyLark', 'Meridian', 'Blue Heron', 'Polaris Jet'];

/** Fisher–Yates with the seeded generator (a random `sort` comparator differs between engines). */
function shuffled<T>(list: readonly T[], rand: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function makeCatalogue(seed: number): { properties: Property[]; flights: Flight[] } {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const properties: Property[] = [];
  DESTINATIONS.forEach((d, di) => {
    for (let i = 0; i < 6; i++) {
      const category = pick(CATEGORIES);
      const name = `${pick(FIRST)} ${pick(SECOND)} ${pick(THIRD)}`;
      const amenities = shuffled(AMENITIES, rand).slice(0, between(4, 7));
      const neighbourhood = pick(AREAS);
      properties.push({
        id: `${d.city.slice(0, 3).toLowerCase()}-${String(di * 10 + i + 101)}`,
        name,
        category,
        city: d.city,
        country: d.country,
        neighbourhood,
        price: between(category === 'Villa' ? 180 : 55, category === 'Villa' ? 420 : 260),
        rating: Math.round((7.4 + rand() * 2.5) * 10) / 10,
        reviews: between(40, 2_400),
        amenities,
        description: `A ${category.toLowerCase()} in ${d.city}'s ${neighbourhood.toLowerCase()}, a short walk from the sights. ${d.tagline}: rooms with local character, a calm night's sleep and staff who know the best places to eat.`,
        maxGuests: between(2, category === 'Villa' ? 8 : 4),
        freeCancellation: rand() > 0.35,
        hue: (d.hue + between(-18, 18) + 360) % 360,
      });
    }
  });
  const flights: Flight[] = DESTINATIONS.map((d, i) => ({
    id: `fl-${d.airport.toLowerCase()}-${i}`,
    from: pick(['LHR', 'FRA', 'MAD', 'BER', 'DUB']),
    to: d.airport,
    toCity: d.city,
    carrier: pick(CARRIERS),
    price: between(39, 229),
    duration: between(75, 260),
    stops: rand() > 0.8 ? 1 : 0,
  }));
  return { properties, flights };
}

const catalogue = makeCatalogue(20_261_207);
export const PROPERTIES: readonly Property[] = catalogue.properties;
export const FLIGHTS: readonly Flight[] = catalogue.flights;

export const findProperty = (id: string): Property | undefined => PROPERTIES.find((p) => p.id === id);

/** Stays matching a free-text query (city, country, name, area or category); all of them for an empty one. */
export function searchProperties(query: string): Property[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...PROPERTIES];
  return PROPERTIES.filter((p) =>
    [p.city, p.country, p.name, p.neighbourhood, p.category].some((field) => field.toLowerCase().includes(q)),
  );
}

export const SORTS = {
  recommended: (a: Property, b: Property) => b.rating * Math.log(b.reviews) - a.rating * Math.log(a.reviews),
  price: (a: Property, b: Property) => a.price - b.price,
  rating: (a: Property, b: Property) => b.rating - a.rating,
} as const;
export type SortKey = keyof typeof SORTS;
