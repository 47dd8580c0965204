import { describe, expect, it } from 'vitest';
import { DESTINATIONS, FLIGHTS, findProperty, PROPERTIES, SORTS, searchProperties } from './catalogue';

describe('catalogue', () => {
  it('has six stays per destination with unique ids and sane fields', () => {
    expect(PROPERTIES).toHaveLength(DESTINATIONS.length * 6);
    expect(new Set(PROPERTIES.map((p) => p.id)).size).toBe(PROPERTIES.length);
    for (const p of PROPERTIES) {
      expect(DESTINATIONS.map((d) => d.city)).toContain(p.city);
      expect(p.price).toBeGreaterThanOrEqual(55);
      expect(p.price).toBeLessThanOrEqual(420);
      expect(p.rating).toBeGreaterThanOrEqual(7.4);
      expect(p.rating).toBeLessThanOrEqual(9.9);
      expect(new Set(p.amenities).size).toBe(p.amenities.length);
    }
    expect(FLIGHTS.map((f) => f.toCity)).toEqual(DESTINATIONS.map((d) => d.city));
  });

  it('is the same on every load (a fixed seed): ids are stable links', () => {
    // Ids come from the destination and position, the rest from the seed; a changed generator shows here.
    expect(PROPERTIES.slice(0, 2).map((p) => p.id)).toEqual(['lis-101', 'lis-102']);
    expect(findProperty('lis-101')).toBe(PROPERTIES[0]);
  });

  it('searches city, country, name, area and category, case-insensitively; empty finds all', () => {
    expect(searchProperties('lisbon').every((p) => p.city === 'Lisbon')).toBe(true);
    expect(
      searchProperties('PORTUGAL')
        .map((p) => p.city)
        .sort(),
    ).toEqual([...Array(6).fill('Lisbon'), ...Array(6).fill('Porto')]);
    expect(searchProperties('  ')).toHaveLength(PROPERTIES.length);
    expect(searchProperties('atlantis')).toEqual([]);
  });

  it('sorts by price ascending and rating descending', () => {
    const byPrice = [...PROPERTIES].sort(SORTS.price).map((p) => p.price);
    expect(byPrice).toEqual([...byPrice].sort((a, b) => a - b));
    const byRating = [...PROPERTIES].sort(SORTS.rating).map((p) => p.rating);
    expect(byRating).toEqual([...byRating].sort((a, b) => b - a));
  });
});
