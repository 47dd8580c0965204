/**
 * One Ctrl-C reaches `npm start` more than once: the terminal signals the whole process group, and
 * npm and tsx each relay what they get to their child. Signals that close together are one request.
 */
export const STOP_REQUEST = { stop: 'stop', repeat: 'repeat', force: 'force' } as const;
export type StopRequest = (typeof STOP_REQUEST)[keyof typeof STOP_REQUEST];

export interface StopSignalsOptions {
  /** Signals this close after the first count as the same Ctrl-C. Default: 1 000 ms. */
  sameWithinMs?: number;
  /** Clock. Default: `Date.now`. */
  now?: () => number;
}

/** Classifies each SIGINT/SIGTERM: the first stops, its echoes repeat, a later one forces. */
export function stopSignals(options: StopSignalsOptions = {}): () => StopRequest {
  const sameWithinMs = options.sameWithinMs ?? 1_000;
  const now = options.now ?? Date.now;
  let first: number | undefined;
  return () => {
    const at = now();
    if (first === undefined) {
      first = at;
      return STOP_REQUEST.stop;
    }
    return at - first <= sameWithinMs ? STOP_REQUEST.repeat : STOP_REQUEST.force;
  };
}
