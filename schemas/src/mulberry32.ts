/**
 * mulberry32: a small, fast seeded generator, good enough for simulated and demo data (not for
 * anything secret). Runtime-free: the storefront's browser code imports it via
 * `@inlet/schemas/mulberry32`, so its catalogue is the same on every load.
 */

/** A generator of floats in [0, 1); the same seed gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
