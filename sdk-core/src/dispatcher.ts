import { backoff } from '@inlet/schemas/retry';
import { createClaims } from './claims';
import { InletError } from './errors';
import { isoTime } from './event-builder';
import type { ResolvedOptions } from './options';
import type { QueuedEvent, QueueStore } from './seams/queue-store';
import type { SendLock } from './seams/send-lock';
import type { SendResult, Transport } from './seams/transport';
import type { DropReason, Stats } from './stats';

export interface FlushOptions {
  /** The page is going away: send the whole queue at once, in requests of ≤ `maxUnloadBytes`. */
  readonly unloading?: boolean;
  /** Also send events still waiting out a backoff (the network just came back). */
  readonly ignoreBackoff?: boolean;
}

export interface DispatcherDeps {
  readonly options: ResolvedOptions;
  readonly store: QueueStore;
  readonly transport: Transport;
  readonly lock: SendLock;
  readonly now: () => number;
  readonly random: () => number;
  readonly stats: Stats;
  /** Counts `count` events dropped for `reason`, and reports `message` when given. */
  readonly drop: (count: number, reason: DropReason, message?: string, detail?: unknown) => void;
  readonly report: (error: InletError) => void;
  readonly wakeAt: (at: number) => void;
  readonly debug: (...args: unknown[]) => void;
}

type Entries = readonly QueuedEvent[];

const ids = (entries: Entries) => entries.map((entry) => entry.id);

/** A peek limit meaning the whole queue (IndexedDB's `getAll` takes a 32-bit count). */
const ALL = 2 ** 30;

/**
 * Drains the queue through the transport, one request at a time, under the send lock. Every event
 * ends counted exactly once: acknowledged, rejected or dropped with a reason. The claim accounting
 * (`./claims`) makes that hold with an asynchronous store: no event is ever in two requests at
 * once, or counted twice.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const { options, store, stats, drop } = deps;
  const claims = createClaims(drop);
  /** Unload passes running beside the main one; the lock is kept until they end. */
  const unloadPasses = new Set<Promise<void>>();
  /** The drain loop running now, if any: later calls join it. */
  let drainLoop: Promise<void> | undefined;
  /** Purges run one after the other; none may count what another already counted. */
  let purgeChain: Promise<void> = Promise.resolve();
  /** Purges asked for and not finished: no event enters flight meanwhile. */
  let purgesPending = 0;
  let holdingLock = false;
  /** Opted out: nothing is sent. */
  let halted = false;
  /** A drain was asked for since the last pass began: the lock holder runs another. */
  let passRequested = false;
  /** What the requested pass should do (any request asking for it sets it). */
  let requestedUnloading = false;
  let requestedIgnoreBackoff = false;

  /** Peeks; `use` claims what it takes in the same turn. */
  const peekFresh = <T>(limit: number, use: (entries: Entries) => T) =>
    claims.readFresh(() => store.peek(limit), use);

  /**
   * Removes claimed entries (and the ids in `removing`) from the store for good, then counts them
   * with `count`, in the turn the removal resolves and before anyone else can count them.
   */
  async function retire(entries: Entries, count: () => void, removing = entries): Promise<void> {
    try {
      await store.remove(ids(removing));
      claims.removed(entries);
      count();
    } finally {
      claims.release(entries);
    }
  }

  const dropAll = (entries: Entries, reason: DropReason, message?: string) =>
    retire(entries, () => drop(entries.length, reason, message));

  async function settle(entries: Entries, result: SendResult): Promise<void> {
    const { kind } = result;
    if (kind === 'ok') {
      const rejectedIndexes = new Set(
        result.rejected.map((rejection) => rejection.index).filter((index) => entries[index] !== undefined),
      );
      return retire(entries, () => {
        stats.rejected += rejectedIndexes.size;
        stats.acknowledged += entries.length - rejectedIndexes.size;
        if (rejectedIndexes.size > 0) {
          deps.report(new InletError('rejected', `${rejectedIndexes.size} events rejected`, result.rejected));
        }
      });
    }
    const stillQueued = entries.filter((entry) => !claims.isLost(entry.id));
    let givenUp = stillQueued;
    if (kind === 'retry-later') {
      const { maxAttempts, backoffBase: base, backoffCap: cap, maxRetryAfter } = options.retry;
      const now = deps.now();
      const attempt = Math.max(0, ...stillQueued.map((entry) => entry.attempts));
      const wait = Math.max(
        backoff({ attempt, base, cap, random: deps.random }),
        Math.min(result.retryAfterMs ?? 0, maxRetryAfter),
      );
      const toRetry = stillQueued.filter((entry) => entry.attempts + 1 < maxAttempts);
      givenUp = stillQueued.filter((entry) => entry.attempts + 1 >= maxAttempts);
      stats.retried += toRetry.length;
      deps.debug('retry in', wait, result.reason);
      await store.update(
        toRetry.map((entry) => ({ ...entry, attempts: entry.attempts + 1, notBefore: now + wait })),
      );
      deps.wakeAt(now + wait);
    }
    if (givenUp.length > 0) {
      await dropAll(
        givenUp,
        kind === 'retry-later' ? 'max-attempts' : kind,
        kind === 'too-large' ? 'HTTP 413' : result.reason,
      );
    }
  }

  /** Sends claimed entries; resolves false when sending should pause (gateway unavailable or refusing us). */
  async function send(entries: Entries, unloading: boolean): Promise<boolean> {
    claims.claim(entries);
    stats.sent += entries.length;
    stats.batches++;
    for (const entry of entries) if (entry.handedOverAt !== undefined) stats.resent++;
    try {
      // The page may not live to read this answer: the events stay stored, marked, and a later
      // visit sends them again. The answer, when read, removes them or (retry-later) unmarks them.
      if (unloading) {
        store
          .update(entries.map((entry) => ({ ...entry, handedOverAt: deps.now() })))
          .catch(reportStoreFailure);
      }
      let result: SendResult;
      try {
        const batch = entries.map((entry) => entry.event);
        result = await deps.transport.send(
          { batch, sentAt: isoTime(deps.now()), writeKey: options.writeKey },
          { unloading },
        );
      } catch (error) {
        result = { kind: 'retry-later', reason: String(error) };
      }
      deps.debug('sent', entries.length, result.kind);
      if (result.kind === 'too-large' && entries.length > 1) {
        const half = Math.ceil(entries.length / 2);
        const firstHalfSent = await send(entries.slice(0, half), unloading);
        return firstHalfSent && (await send(entries.slice(half), unloading));
      }
      await settle(entries, result);
      return result.kind === 'ok' || result.kind === 'too-large';
    } finally {
      claims.release(entries);
    }
  }

  /**
   * Sends what is due: one request at a time until nothing is due or a send fails. Unloading, it
   * reads the whole queue and sends all of it at once (the page may not live to read it again).
   */
  async function sendDue(unloading: boolean, ignoreBackoff: boolean): Promise<void> {
    for (;;) {
      const byteLimit = unloading ? options.maxUnloadBytes : options.maxBatchBytes;
      const expired: QueuedEvent[] = [];
      const batches: QueuedEvent[][] = [];
      await peekFresh(unloading ? ALL : claims.count() + options.maxBatchEvents, (entries) => {
        const now = deps.now();
        let batch: QueuedEvent[] = [];
        let batchBytes = 0;
        // What is taken is claimed here, in the turn the peek resolved. No event enters flight
        // while opted out or while a purge is pending.
        const candidates = halted || purgesPending > 0 ? [] : entries;
        for (const entry of candidates) {
          if (claims.isClaimed(entry.id)) continue;
          if (now - entry.enqueuedAt > options.retry.maxAge) {
            expired.push(entry);
            claims.claim([entry]);
            continue;
          }
          // First in, first out: an event waiting out a backoff holds back the ones behind it.
          const notBefore = entry.notBefore ?? 0;
          if (notBefore > now && !ignoreBackoff) {
            deps.wakeAt(notBefore);
            break;
          }
          if (
            batch.length > 0 &&
            (batch.length >= options.maxBatchEvents || batchBytes + entry.bytes > byteLimit)
          ) {
            if (!unloading) break;
            batch = [];
            batchBytes = 0;
          }
          if (batch.length === 0) batches.push(batch);
          batch.push(entry);
          claims.claim([entry]);
          batchBytes += entry.bytes + 1;
        }
      });
      if (expired.length > 0) {
        await dropAll(expired, 'max-age', `queued over ${options.retry.maxAge} ms`);
      }
      const [first] = batches;
      if (first === undefined) {
        if (expired.length > 0) continue;
        return;
      }
      if (unloading) {
        await Promise.all(batches.map((batch) => send(batch, true)));
        return;
      }
      if (!(await send(first, false))) return;
    }
  }

  const reportStoreFailure = (error: unknown) =>
    deps.report(new InletError('store', 'queue store failed', error));

  /** Runs under the send lock: passes while drains are requested, then waits for the unload passes. */
  async function holdLock(): Promise<void> {
    holdingLock = true;
    try {
      while (passRequested || unloadPasses.size > 0) {
        if (passRequested) {
          const unloading = requestedUnloading;
          const ignoreBackoff = requestedIgnoreBackoff;
          passRequested = false;
          requestedUnloading = false;
          requestedIgnoreBackoff = false;
          await sendDue(unloading, ignoreBackoff);
        } else await Promise.all(unloadPasses);
      }
    } finally {
      holdingLock = false;
    }
  }

  return {
    /**
     * Sends what is due. Calls made while a drain runs join it (it looks again before it ends);
     * an unloading call runs a pass beside it at once, skipping the events in flight.
     */
    drain(flushOptions: FlushOptions = {}): Promise<void> {
      const unloading = flushOptions.unloading === true;
      const ignoreBackoff = flushOptions.ignoreBackoff === true;
      if (holdingLock && unloading) {
        const unloadPass: Promise<void> = sendDue(true, ignoreBackoff)
          .catch(reportStoreFailure)
          .finally(() => unloadPasses.delete(unloadPass));
        unloadPasses.add(unloadPass);
        return unloadPass;
      }
      passRequested = true;
      requestedUnloading ||= unloading;
      requestedIgnoreBackoff ||= ignoreBackoff;
      drainLoop ??= (async () => {
        try {
          while (passRequested) {
            const lockAttempt = await deps.lock.tryRun(holdLock);
            if (!lockAttempt.ran) {
              passRequested = false;
              deps.debug('queue locked');
              deps.wakeAt(deps.now() + options.flushInterval);
            }
          }
        } catch (error) {
          passRequested = false;
          reportStoreFailure(error);
        }
        // Cleared in the same turn as the last look at `passRequested`, so no call joins a finished drain.
        drainLoop = undefined;
      })();
      return drainLoop;
    },
    /** Stops or resumes sending (opt-out). */
    halt(on: boolean): void {
      halted = on;
    },
    /** Gives up every queued event (opt-out); those in flight count as acknowledged if their send succeeds. */
    purge(): Promise<void> {
      purgesPending++;
      purgeChain = purgeChain
        .then(async () => {
          let wholeQueue: Entries = [];
          const idle = await peekFresh(ALL, (entries) => {
            wholeQueue = entries;
            claims.loseAllClaimed('consent');
            const unclaimed = entries.filter((entry) => !claims.isClaimed(entry.id));
            claims.claim(unclaimed);
            return unclaimed;
          });
          // In-flight ones go too: their send's outcome counts them.
          await retire(idle, () => drop(idle.length, 'consent'), wholeQueue);
        })
        .catch(reportStoreFailure)
        .finally(() => {
          purgesPending--;
        });
      return purgeChain;
    },
    /** Counts entries the store lost; claimed ones are counted when released. */
    discard: claims.lose,
    /** Writes entries to the store (the write starts at once), counting those it evicts, or all if it fails. */
    push(entries: Entries): Promise<void> {
      let reason: DropReason = 'cap';
      let message = 'queue full';
      const evicted = async () => {
        try {
          return (await store.push(entries)).dropped;
        } catch (error) {
          reason = 'store';
          message = `store.push failed: ${error}`;
          return entries;
        }
      };
      return claims.readFresh(evicted, (dropped) => claims.lose(dropped, reason, message));
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
