import type { QueuedEvent } from './seams/queue-store';
import type { DropReason } from './stats';

type Entries = readonly QueuedEvent[];

/** Counts `count` events dropped for `reason`, and reports `message` when given. */
type Drop = (count: number, reason: DropReason, message?: string) => void;

/**
 * The dispatcher's claim and in-flight accounting: which queued events are taken (being sent,
 * retired or purged), which of those the store lost meanwhile, and which ids were counted while a
 * store answer was pending. Two rules keep every event counted exactly once with an asynchronous
 * store: entries are claimed in the same turn the answer that listed them resolves, and ids
 * counted while an answer was pending are left out of that answer.
 */
export function createClaims(drop: Drop) {
  /** Claimed ids: nobody else sends, retires or counts them. */
  const claimed = new Set<string>();
  /** Claimed ids the store lost meanwhile (cap, purge), with the reason: counted so unless their send succeeds. */
  const lostWhileClaimed = new Map<string, DropReason>();
  /** Store answers (peek, push) pending, by the tick each began at. */
  const pendingAnswers = new Set<number>();
  /** Ids counted while answers were pending, with the tick: an answer begun before may still list them. */
  const countedDuringAnswers = new Map<string, number>();
  let tick = 0;

  /** Records that `id` was counted, so an answer begun earlier does not hand it out again. */
  function noteCounted(id: string): void {
    if (pendingAnswers.size > 0) {
      tick++;
      countedDuringAnswers.set(id, tick);
    }
  }

  return {
    claim(entries: Entries): void {
      for (const entry of entries) claimed.add(entry.id);
    },

    /** Unclaims entries still claimed; those the store lost meanwhile are counted now, for the reason they were lost. */
    release(entries: Entries): void {
      for (const { id } of entries) {
        if (!claimed.delete(id)) continue;
        const reason = lostWhileClaimed.get(id);
        if (reason !== undefined) {
          lostWhileClaimed.delete(id);
          noteCounted(id);
          drop(1, reason);
        }
      }
    },

    /** Awaits a store answer listing entries, and hands the ones not counted meanwhile to `use` in the same turn. */
    async readFresh<T>(answer: () => Promise<Entries>, use: (entries: Entries) => T): Promise<T> {
      tick++;
      const startedAt = tick;
      pendingAnswers.add(startedAt);
      try {
        const entries = await answer();
        return use(entries.filter((entry) => (countedDuringAnswers.get(entry.id) ?? 0) < startedAt));
      } finally {
        pendingAnswers.delete(startedAt);
        const oldestPending = Math.min(...pendingAnswers);
        // Ids enter in tick order (each is counted once), so the ones to forget come first; stopping
        // early is safe anyway, it only keeps an id longer.
        for (const [id, countedAt] of countedDuringAnswers) {
          if (countedAt >= oldestPending) break;
          countedDuringAnswers.delete(id);
        }
      }
    },

    /** Counts entries the store lost: unclaimed ones now, claimed ones when released. */
    lose(entries: Entries, reason: DropReason, message?: string): void {
      let unclaimed = 0;
      for (const { id } of entries) {
        if (claimed.has(id)) lostWhileClaimed.set(id, reason);
        else {
          unclaimed++;
          noteCounted(id);
        }
      }
      if (unclaimed > 0) drop(unclaimed, reason, message);
    },

    /** Marks every claimed id not already lost as lost for `reason` (a purge takes them too). */
    loseAllClaimed(reason: DropReason): void {
      for (const id of claimed) if (!lostWhileClaimed.has(id)) lostWhileClaimed.set(id, reason);
    },

    /** The claimed entries are out of the store for good: unclaims them and notes them counted (the caller counts them). */
    removed(entries: Entries): void {
      for (const { id } of entries) {
        claimed.delete(id);
        lostWhileClaimed.delete(id);
        noteCounted(id);
      }
    },
    isClaimed: (id: string) => claimed.has(id),
    isLost: (id: string) => lostWhileClaimed.has(id),
    /** How many ids are claimed now. */
    count: () => claimed.size,
  };
}

export type Claims = ReturnType<typeof createClaims>;
