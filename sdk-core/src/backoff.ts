export interface BackoffInput {
  /** Failed attempts before this one: 0 for the first retry. */
  readonly attempt: number;
  /** Ceiling of the first delay, ms. */
  readonly base: number;
  /** Largest ceiling, ms. */
  readonly cap: number;
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

/**
 * Delay before the next attempt, with FULL jitter: uniform in [0, min(cap, base·2^attempt)).
 * Spreading retries over the whole window keeps many clients from hammering a recovering server
 * in step (the "Exponential Backoff and Jitter" result).
 */
export function backoff({ attempt, base, cap, random }: BackoffInput): number {
  return random() * Math.min(cap, base * 2 ** attempt);
}
