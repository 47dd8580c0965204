/**
 * A small seeded PRNG (sfc32: four 32-bit words of state, passes PractRand) so every virtual user
 * draws its own reproducible sequence: a user's events do not depend on how the others interleave.
 * Math.random cannot be seeded, and a library generator object would cost more per user.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` and `stream` (a user's index) pick independent sequences. */
  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9;
    this.b = seed >>> 0;
    this.c = Math.floor(seed / 2 ** 32) >>> 0;
    this.d = (stream ^ 0x85ebca6b) >>> 0;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4_294_967_296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A key of `weights`, drawn in proportion to its weight (weights ≥ 0, not all 0). */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    let total = 0;
    for (const key in weights) total += weights[key] ?? 0;
    let x = this.next() * total;
    let last: K | undefined;
    for (const key in weights) {
      const w = weights[key] ?? 0;
      if (w <= 0) continue;
      last = key;
      x -= w;
      if (x < 0) return key;
    }
    if (last === undefined) throw new RangeError('weighted draw with no positive weight');
    return last;
  }

  /** Exponential with this mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  /** A v4-shaped UUID from this sequence: reproducible, unlike crypto.randomUUID. */
  uuid(): string {
    const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');
    const [a, b, c, d] = [this.u32(), this.u32(), this.u32(), this.u32()];
    return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b & 0xfff, 3)}-${hex(0x8000 | (c >>> 18), 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`;
  }
}

/** A 31-bit seed from any text or number (run ids, CLI input). */
export function seedFrom(value: string | number): number {
  let h = 2166136261;
  for (const ch of String(value)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) & 0x7fffffff;
}
