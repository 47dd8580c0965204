/**
 * Maps stand-in, shaped like Google/TomTom: geocoding over a seeded gazetteer, and traffic incidents per
 * area. Incidents start in five-minute slots (more at rush hours, local time), last from minutes to
 * hours, and are re-assessed every 15 minutes (a new `updated_at`, maybe a new severity).
 */
import { CITIES, type City, cityById } from './catalogue';
import { floorTo, HOUR_MS, iso, MINUTE_MS } from './clock';
import { seededFaker, unit } from './random';

const SLOT_MS = 5 * MINUTE_MS;
const UPDATE_MS = 15 * MINUTE_MS;
const MAX_DURATION_MS = 4 * HOUR_MS;
const TYPES = ['accident', 'congestion', 'roadworks', 'closure', 'hazard'] as const;

export interface Place {
  readonly place_id: string;
  readonly name: string;
  readonly address: string;
  readonly city: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
}

const jitter = (c: City, key: string, spread: number) => ({
  lat: Math.round((c.lat + (unit(key, 'lat') - 0.5) * spread) * 1e5) / 1e5,
  lon: Math.round((c.lon + (unit(key, 'lon') - 0.5) * spread) * 1e5) / 1e5,
});

function buildGazetteer(perCity: number): Place[] {
  return CITIES.flatMap((c) =>
    Array.from({ length: perCity }, (_, i) => {
      const f = seededFaker('place', c.id, i);
      const name =
        i % 3 === 0
          ? f.company.name()
          : `${f.location.street()} ${f.helpers.arrayElement(['Station', 'Market', 'Park', 'Museum', 'Hall'])}`;
      const address = `${f.location.buildingNumber()} ${f.location.street()}, ${c.name}`;
      return {
        place_id: `${c.id}-${i}`,
        name,
        address,
        city: c.name,
        country: c.country,
        ...jitter(c, `${c.id}-${i}`, 0.2),
      };
    }),
  );
}

export interface Incident {
  readonly id: string;
  readonly type: (typeof TYPES)[number];
  readonly severity: number;
  readonly description: string;
  readonly road: string;
  readonly lat: number;
  readonly lon: number;
  readonly started_at: string;
  readonly updated_at: string;
  readonly expected_end: string;
}

export class MapsModel {
  readonly #gazetteer: Place[];
  constructor(placesPerCity = 40) {
    this.#gazetteer = buildGazetteer(placesPerCity);
  }

  /** Places whose name, address or city contains `q` (case-insensitive), in gazetteer order. */
  geocode(q: string): Place[] {
    const needle = q.trim().toLowerCase();
    if (needle === '') return [];
    return this.#gazetteer.filter((p) =>
      [p.name, p.address, p.city, p.place_id].some((v) => v.toLowerCase().includes(needle)),
    );
  }

  /** Incidents active in the area at `now`, oldest first; undefined for an unknown area. */
  incidents(areaId: string, now: number, drift = false): Record<string, unknown>[] | undefined {
    const c = cityById(areaId);
    if (!c) return undefined;
    const out: Record<string, unknown>[] = [];
    const last = floorTo(now, SLOT_MS);
    for (let slot = last - MAX_DURATION_MS; slot <= last; slot += SLOT_MS) {
      const localHour = (((slot / HOUR_MS + c.utcOffset) % 24) + 24) % 24;
      const rush = Math.exp(-((localHour - 8.5) ** 2) / 2) + Math.exp(-((localHour - 17.5) ** 2) / 2);
      const rate = 0.35 + 1.1 * rush; // expected incidents starting per slot
      const count = Math.floor(rate + unit(c.id, 'count', slot));
      for (let i = 0; i < count; i++) {
        const incident = this.#incident(c, slot, i, now, drift);
        if (incident) out.push(incident);
      }
    }
    return out;
  }

  #incident(c: City, slot: number, i: number, now: number, drift: boolean) {
    const id = `${c.id}-${slot / SLOT_MS}-${i}`;
    const type = TYPES[Math.floor(unit(id, 'type') * TYPES.length)] ?? 'hazard';
    const start = slot + Math.floor(unit(id, 'start') * (SLOT_MS / 1000)) * 1000;
    const base = type === 'roadworks' ? 90 : type === 'closure' ? 60 : 15;
    const duration = Math.min(MAX_DURATION_MS, Math.round(base + unit(id, 'dur') * base * 1.6) * MINUTE_MS);
    const end = start + duration;
    if (now < start || now >= end) return undefined;
    const revision = Math.floor((now - start) / UPDATE_MS);
    const updated = start + revision * UPDATE_MS;
    const f = seededFaker('incident', id);
    const road = f.location.street();
    const severity = 1 + Math.floor(unit(id, 'sev', revision) * 4);
    return {
      id,
      type,
      severity,
      description: `${type[0]?.toUpperCase()}${type.slice(1)} on ${road}, ${f.helpers.arrayElement(['northbound', 'southbound', 'eastbound', 'westbound', 'both directions'])}`,
      road,
      ...jitter(c, id, 0.15),
      started_at: iso(start),
      [drift ? 'last_updated' : 'updated_at']: iso(updated),
      expected_end: iso(end),
    };
  }
}
