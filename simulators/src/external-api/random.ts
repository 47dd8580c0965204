/**
 * Deterministic randomness: every draw is seeded by what it describes (city + hour, symbol + day …),
 * so the same question at the same time always gets the same answer, in any order, on any run.
 */
import { en, Faker } from '@faker-js/faker';
import { mulberry32 } from '@inlet/schemas/mulberry32';

/** FNV-1a over the parts: a 32-bit seed for a thing. */
export function hash32(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform draw in [0, 1) for one thing. */
export const unit = (...parts: readonly (string | number)[]): number => mulberry32(hash32(...parts))();

/** Standard normal draw (Box–Muller) from a uniform source. */
export function gaussian(rand: () => number): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Smooth noise in about [-1, 1]: seeded knots every `stepMs`, cosine-interpolated between them. */
export function smoothNoise(key: string, ms: number, stepMs: number): number {
  const k = Math.floor(ms / stepMs);
  const f = (ms - k * stepMs) / stepMs;
  const a = unit(key, k) * 2 - 1;
  const b = unit(key, k + 1) * 2 - 1;
  const w = (1 - Math.cos(Math.PI * f)) / 2;
  return a * (1 - w) + b * w;
}

const shared = new Faker({ locale: [en] });

/**
 * A faker seeded for one thing (names, streets, descriptions). One shared instance, reseeded per call
 * (building a Faker costs more than a response): draw from it synchronously, before the next call.
 */
export function seededFaker(...parts: readonly (string | number)[]): Faker {
  shared.seed(hash32(...parts));
  return shared;
}
