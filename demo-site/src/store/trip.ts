/**
 * What the visitor is planning: destination, dates and guests from the search form, and the stay
 * chosen for checkout. Kept in sessionStorage so a reload (or the checkout in a new step) keeps it.
 */
import { isoDay, nightsBetween } from './format';

export interface Trip {
  query: string;
  checkin: string;
  checkout: string;
  guests: number;
  /** The stay being booked, once "Reserve" was pressed. */
  propertyId?: string;
}

const KEY = 'coastline.trip';

export function defaultTrip(today = new Date()): Trip {
  return { query: '', checkin: isoDay(today, 21), checkout: isoDay(today, 24), guests: 2 };
}

export function loadTrip(storage: Storage = sessionStorage): Trip {
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Trip> | null;
    return { ...defaultTrip(), ...(saved ?? {}) };
  } catch {
    return defaultTrip();
  }
}

export function saveTrip(trip: Trip, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(trip));
}

export const tripNights = (trip: Trip): number => nightsBetween(trip.checkin, trip.checkout);

/** Reads the search form's values from a URL's query (`?q=&checkin=&checkout=&guests=`) over `base`. */
export function tripFromSearch(params: URLSearchParams, base: Trip): Trip {
  const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const guests = Number(params.get('guests'));
  const trip: Trip = {
    ...base,
    query: params.get('q') ?? base.query,
    checkin: date(params.get('checkin')) ?? base.checkin,
    checkout: date(params.get('checkout')) ?? base.checkout,
    guests: Number.isInteger(guests) && guests >= 1 && guests <= 12 ? guests : base.guests,
  };
  if (trip.checkout <= trip.checkin) trip.checkout = isoDay(new Date(`${trip.checkin}T00:00:00Z`), 1);
  return trip;
}
