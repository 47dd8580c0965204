import { describe, expect, it } from 'vitest';
import { defaultTrip, loadTrip, saveTrip, tripFromSearch, tripNights } from './trip';

const base = { query: '', checkin: '2027-03-01', checkout: '2027-03-04', guests: 2 };

describe('trip', () => {
  it('takes valid values from the search query and keeps the rest', () => {
    const trip = tripFromSearch(
      new URLSearchParams('q=Porto&checkin=2027-05-01&checkout=2027-05-06&guests=3'),
      base,
    );
    expect(trip).toEqual({ query: 'Porto', checkin: '2027-05-01', checkout: '2027-05-06', guests: 3 });
    expect(tripNights(trip)).toBe(5);
  });

  it('ignores malformed dates and guest counts, and moves a check-out before check-in to the next day', () => {
    const trip = tripFromSearch(new URLSearchParams('checkin=tomorrow&guests=99'), base);
    expect(trip).toEqual(base);
    const swapped = tripFromSearch(new URLSearchParams('checkin=2027-03-10&checkout=2027-03-02'), base);
    expect(swapped).toMatchObject({ checkin: '2027-03-10', checkout: '2027-03-11' });
  });

  it('defaults to three nights three weeks out for two, and survives a broken stored value', () => {
    const trip = defaultTrip(new Date('2027-01-01T12:00:00Z'));
    expect(trip).toEqual({ query: '', checkin: '2027-01-22', checkout: '2027-01-25', guests: 2 });
    sessionStorage.setItem('coastline.trip', '{broken');
    expect(loadTrip().guests).toBe(2);
    saveTrip({ ...base, propertyId: 'lis-101' });
    expect(loadTrip()).toEqual({ ...base, propertyId: 'lis-101' });
  });
});
