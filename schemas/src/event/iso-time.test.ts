import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoMillis, isoString } from './iso-time';

/** ±100,000,000 days around 1970: the whole range a Date can hold. */
const MAX_MS = 8.64e15;

describe('isoString', () => {
  it('is new Date(ms).toISOString() for any time a Date can hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_MS, max: MAX_MS }), (ms) => {
        expect(isoString(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2_000 },
    );
    const edges = [
      0, -1, 1, -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000,
    ];
    for (const ms of [...edges, 951_782_400_000, 1_709_164_800_000, 4_107_542_400_000, 1.5, -0]) {
      expect(isoString(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('throws as toISOString does for an invalid time', () => {
    expect(() => isoString(Number.NaN)).toThrow(RangeError);
    expect(() => isoString(MAX_MS + 1)).toThrow(RangeError);
  });
});

describe('isoMillis', () => {
  const date = fc.date({
    min: new Date('0000-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59Z'),
    noInvalidDate: true,
  });

  it('is Date.parse for every four-digit-year time in the canonical form', () => {
    fc.assert(
      fc.property(date, (d) => {
        const text = d.toISOString();
        expect(isoMillis(text)).toBe(Date.parse(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('is Date.parse for the other forms clients send, and for nonsense', () => {
    const texts = [
      '2024-05-01T12:00:00Z',
      '2024-05-01T14:00:00.123+02:00',
      '2024-05-01T12:00:00.123456Z',
      '2024-02-29T00:00:00.000Z',
      '2023-02-29T00:00:00.000Z', // rolls over to March 1 in V8
      '2024-04-31T00:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
      '2024-13-01T00:00:00.000Z',
      '2024-05-01T12:00:60.000Z',
      '2024-05-01t12:00:00.000Z',
      '2024-05-01T12:00:00.000z',
      '+002024-05-01T12:00:00.000Z',
      '2024-0a-01T12:00:00.000Z',
      'yesterday at noon, roughly',
    ];
    for (const text of texts)
      expect(isoMillis(text), text).toBe(Number.isNaN(Date.parse(text)) ? undefined : Date.parse(text));
  });

  it('is Date.parse for canonical-looking strings with any digits', () => {
    const d2 = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const text = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), d2, d2, d2, d2, d2, fc.integer({ min: 0, max: 999 }))
      .map(
        ([y, mo, d, h, mi, s, ms]) =>
          `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}Z`,
      );
    fc.assert(
      fc.property(text, (t) => {
        const parsed = Date.parse(t);
        expect(isoMillis(t)).toBe(Number.isNaN(parsed) ? undefined : parsed);
      }),
      { numRuns: 2_000 },
    );
  });
});
