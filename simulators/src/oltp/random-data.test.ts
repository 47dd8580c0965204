import { describe, expect, it } from 'vitest';
import { createRandom, description, flightRow, stay } from './random-data';
import { pickTransaction, TRANSACTIONS } from './transactions';

describe('random data', () => {
  it('is repeatable for a seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('writes descriptions over the 2 KB TOAST threshold', () => {
    const random = createRandom(1);
    for (let i = 0; i < 20; i++) expect(description(random).length).toBeGreaterThan(2_048);
  });

  it('makes flights between two different airports that land after they leave', () => {
    const random = createRandom(7);
    for (let i = 0; i < 50; i++) {
      const f = flightRow(random);
      expect(f.origin).not.toBe(f.destination);
      expect(Date.parse(f.arrivesAt)).toBeGreaterThan(Date.parse(f.departsAt));
    }
  });

  it('makes stays whose check-out follows check-in', () => {
    const s = stay(createRandom(3));
    expect(s.checkOut > s.checkIn).toBe(true);
    expect(s.nights).toBeGreaterThanOrEqual(1);
  });

  it('picks every transaction of the mix, roughly by weight', () => {
    const random = createRandom(11);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const [name] = pickTransaction(random);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const total = TRANSACTIONS.reduce((n, [, , w]) => n + w, 0);
    for (const [name, , weight] of TRANSACTIONS) {
      expect((counts.get(name) ?? 0) / 20_000).toBeCloseTo(weight / total, 1);
    }
  });
});
