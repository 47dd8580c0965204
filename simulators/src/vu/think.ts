import type { Rng } from './rng';

/**
 * How long a user waits before the next step, in ms. Log-normal fits human dwell times (a long
 * right tail, never negative); exponential fits independent arrivals (machine events, logs).
 */
export type Think =
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number };

export const fixed = (ms: number): Think => ({ kind: 'fixed', ms });
export const uniform = (min: number, max: number): Think => ({ kind: 'uniform', min, max });
export const exponential = (mean: number): Think => ({ kind: 'exponential', mean });
export const lognormal = (median: number, sigma: number): Think => ({ kind: 'lognormal', median, sigma });

/** A draw of `think`, in ms, stretched by `scale` (2 = twice as slow). */
export function sampleThink(think: Think, rng: Rng, scale = 1): number {
  switch (think.kind) {
    case 'fixed':
      return think.ms * scale;
    case 'uniform':
      return (think.min + rng.next() * (think.max - think.min)) * scale;
    case 'exponential':
      return rng.exponential(think.mean) * scale;
    case 'lognormal':
      return think.median * Math.exp(think.sigma * rng.normal()) * scale;
  }
}

/** The expected value of `think`, in ms. */
export function meanThink(think: Think): number {
  switch (think.kind) {
    case 'fixed':
      return think.ms;
    case 'uniform':
      return (think.min + think.max) / 2;
    case 'exponential':
      return think.mean;
    case 'lognormal':
      return think.median * Math.exp((think.sigma * think.sigma) / 2);
  }
}
