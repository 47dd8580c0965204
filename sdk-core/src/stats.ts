/** Why an event was given up on. Every event the core generated ends acknowledged, rejected or dropped for one of these. */
export const DROP_REASONS = [
  /** Over `maxEventBytes` when captured, or alone in a batch the gateway answered 413. */
  'too-large',
  /** Could not be serialised as JSON (a cycle, a BigInt). */
  'invalid',
  'max-age',
  'max-attempts',
  /** The gateway answered a non-retryable error (bad write key, blocked…). */
  'fatal',
  /** Evicted, oldest first, to keep the queue under its cap. */
  'cap',
  'middleware',
  /** Captured while opted out, or purged by `optOut()`. */
  'consent',
  /** The queue store failed to persist it. */
  'store',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** Counters since the core was created. */
export interface Stats {
  /** Events built by a tracking call. */
  generated: number;
  /** Events handed to the queue (past consent, middleware and the size check). */
  queued: number;
  /** Event sends, retries included. */
  sent: number;
  /** Requests made. */
  batches: number;
  /** Events the gateway stored. */
  acknowledged: number;
  /** Events the gateway refused and dead-lettered; never retried. */
  rejected: number;
  /** Event sends that ended in retry-later. */
  retried: number;
  /**
   * Event sends of events an earlier unloading send carried without its answer being read (the
   * page closed first): each may be a duplicate, which the gateway's messageId dedup drops.
   */
  resent: number;
  dropped: Record<DropReason, number>;
}

/** Every counter at zero. */
export function newStats(): Stats {
  const dropped = Object.fromEntries(DROP_REASONS.map((reason) => [reason, 0])) as Record<DropReason, number>;
  return {
    generated: 0,
    queued: 0,
    sent: 0,
    batches: 0,
    acknowledged: 0,
    rejected: 0,
    retried: 0,
    resent: 0,
    dropped,
  };
}

/** Adds `s` into `total`: the counters of several cores (one per simulated user) summed. */
export function addStats(total: Stats, s: Stats): void {
  total.generated += s.generated;
  total.queued += s.queued;
  total.sent += s.sent;
  total.batches += s.batches;
  total.acknowledged += s.acknowledged;
  total.rejected += s.rejected;
  total.retried += s.retried;
  total.resent += s.resent;
  for (const r of DROP_REASONS) total.dropped[r] += s.dropped[r];
}

/** Events the core generated that are not settled yet: queued, in flight or waiting to retry. */
export function pendingEvents(stats: Stats): number {
  let dropped = 0;
  for (const reason of DROP_REASONS) dropped += stats.dropped[reason];
  return stats.generated - stats.acknowledged - stats.rejected - dropped;
}
