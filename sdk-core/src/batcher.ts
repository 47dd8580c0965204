import type { ResolvedOptions } from './options';
import type { QueuedEvent } from './seams/queue-store';
import type { Timers } from './seams/timers';
import type { DropReason } from './stats';

export interface BatcherDeps {
  readonly o: ResolvedOptions;
  readonly timers: Timers;
  readonly now: () => number;
  /** Starts a flush and does not wait for it. */
  readonly flush: () => void;
  /** Writes entries to the queue store, counting what it evicts; never rejects. */
  readonly push: (entries: readonly QueuedEvent[]) => Promise<void>;
  /** Counts entries given up on before they reached the store. */
  readonly discard: (entries: readonly QueuedEvent[], reason: DropReason) => void;
}

/**
 * Collects captured events, persists them in one store write per burst, and decides when to
 * flush: at `flushAt` events or `maxBatchBytes` bytes since the last flush, or `flushInterval` ms
 * after the first of them. It also owns the one wake-up timer, which the dispatcher uses to come
 * back when a backoff ends.
 */
export function createBatcher(d: BatcherDeps) {
  const { o, timers } = d;
  let pending: QueuedEvent[] = [];
  let writing: Promise<unknown> = Promise.resolve();
  let count = 0;
  let bytes = 0;
  let timer: unknown;
  let timerAt = Infinity;
  let stopped = false;

  /** Flush at `at` (ms since the epoch) unless a flush is already due sooner. */
  const wakeAt = (at: number) => {
    if (stopped || timerAt <= at) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    timerAt = at;
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        timerAt = Infinity;
        d.flush();
      },
      Math.max(0, at - d.now()),
    );
  };

  /**
   * Hands pending events to the store now (the push starts synchronously, so a memory-backed
   * store shows them to the next peek) and resolves once every write so far is done.
   */
  const persist = (): Promise<unknown> => {
    if (pending.length) {
      const entries = pending;
      pending = [];
      const write = d.push(entries);
      writing = Promise.all([writing, write]);
    }
    return writing;
  };

  return {
    wakeAt,
    persist,
    add(entry: QueuedEvent): void {
      // One store write per synchronous burst of captures.
      if (!pending.length) void Promise.resolve().then(persist);
      pending.push(entry);
      count++;
      bytes += entry.bytes;
      if (count >= o.flushAt || bytes >= o.maxBatchBytes) d.flush();
      else wakeAt(d.now() + o.flushInterval);
    },
    /** A flush started: the flush triggers count from zero again. */
    flushed(): void {
      count = 0;
      bytes = 0;
    },
    /** Events captured but not yet handed to the store are given up (opt-out). */
    dropPending(reason: DropReason): void {
      d.discard(pending, reason);
      pending = [];
    },
    stop(): void {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      timerAt = Infinity;
    },
  };
}

export type Batcher = ReturnType<typeof createBatcher>;
