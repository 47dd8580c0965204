import { backoff } from '@inlet/schemas/retry';
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
  readonly o: ResolvedOptions;
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

const ids = (entries: Entries) => entries.map((e) => e.id);

/** A peek limit meaning the whole queue (IndexedDB's `getAll` takes a 32-bit count). */
const ALL = 2 ** 30;

/**
 * Drains the queue through the transport, one request at a time, under the send lock. Every event
 * ends counted exactly once: acknowledged, rejected or dropped with a reason. Two rules make that
 * hold with an asynchronous store: entries are claimed (`inFlight`) in the same turn the peek
 * that found them resolves, and ids counted while a store answer was pending (`stale`) are left
 * out of that answer. So no event is ever in two requests at once, or counted twice.
 */
export function createDispatcher(d: DispatcherDeps) {
  const { o, store, stats, drop } = d;
  /** Claimed: being sent, retired or purged. Nobody else touches them. */
  const inFlight = new Set<string>();
  /** Claimed events the store lost meanwhile (cap, purge): counted for that reason unless their send succeeds. */
  const gone = new Map<string, DropReason>();
  /** Store answers (peek, push) pending, by the tick each began at. */
  const open = new Set<number>();
  /** Ids counted while answers were pending, with the tick: an answer begun before may still list them. */
  const stale = new Map<string, number>();
  /** Unload passes running beside the main one; the lock is kept until they end. */
  const extra = new Set<Promise<void>>();
  let ticks = 0;
  let running: Promise<void> | undefined;
  /** Purges run one after the other; none may count what another already counted. */
  let purging: Promise<void> = Promise.resolve();
  let purges = 0;
  let holding = false;
  let halted = false;
  let again = false;
  let unload = false;
  let force = false;

  const counted = (id: string) => open.size && stale.set(id, ++ticks);

  const claim = (entries: Entries) => {
    for (const e of entries) inFlight.add(e.id);
  };

  /** Unclaims entries still claimed; those the store lost meanwhile are counted now, for the reason they were lost. */
  const release = (entries: Entries) => {
    for (const { id } of entries) {
      const reason = inFlight.delete(id) && gone.get(id);
      if (reason) {
        gone.delete(id);
        counted(id);
        drop(1, reason);
      }
    }
  };

  /** Awaits a store answer listing entries, and hands the fresh ones to `use` in the same turn. */
  async function fresh<T>(answer: () => Promise<Entries>, use: (entries: Entries) => T) {
    const start = ++ticks;
    open.add(start);
    try {
      const entries = await answer();
      return use(entries.filter((e) => (stale.get(e.id) ?? 0) < start));
    } finally {
      open.delete(start);
      const oldest = Math.min(...open);
      // Ids enter in tick order (each is counted once), so the ones to forget come first; stopping
      // early is safe anyway, it only keeps an id longer.
      for (const [id, tick] of stale) {
        if (tick >= oldest) break;
        stale.delete(id);
      }
    }
  }

  /** Peeks; `use` claims what it takes in the same turn. */
  const look = <T>(limit: number, use: (entries: Entries) => T) => fresh(() => store.peek(limit), use);

  /** Counts entries the store lost; claimed ones are counted when released. */
  function discard(entries: Entries, reason: DropReason, message?: string): void {
    let idle = 0;
    for (const { id } of entries) {
      if (inFlight.has(id)) gone.set(id, reason);
      else {
        idle++;
        counted(id);
      }
    }
    if (idle) drop(idle, reason, message);
  }

  /**
   * Removes claimed entries (and the ids in `removing`) from the store for good, then counts them
   * with `count`, in the turn the removal resolves and before anyone else can count them.
   */
  async function retire(entries: Entries, count: () => void, removing = entries): Promise<void> {
    try {
      await store.remove(ids(removing));
      for (const { id } of entries) {
        inFlight.delete(id);
        gone.delete(id);
        counted(id);
      }
      count();
    } finally {
      release(entries);
    }
  }

  const dropAll = (entries: Entries, reason: DropReason, message?: string) =>
    retire(entries, () => drop(entries.length, reason, message));

  async function settle(entries: Entries, result: SendResult): Promise<void> {
    const { kind } = result;
    if (kind === 'ok') {
      const bad = new Set(result.rejected.map((r) => r.index).filter((i) => entries[i]));
      return retire(entries, () => {
        stats.rejected += bad.size;
        stats.acknowledged += entries.length - bad.size;
        if (bad.size) d.report(new InletError('rejected', `${bad.size} events rejected`, result.rejected));
      });
    }
    let dead = entries.filter((e) => !gone.has(e.id));
    if (kind === 'retry-later') {
      const { maxAttempts, backoffBase: base, backoffCap: cap, maxRetryAfter } = o.retry;
      const now = d.now();
      const attempt = Math.max(0, ...dead.map((e) => e.attempts));
      const wait = Math.max(
        backoff({ attempt, base, cap, random: d.random }),
        Math.min(result.retryAfterMs ?? 0, maxRetryAfter),
      );
      const retry = dead.filter((e) => e.attempts + 1 < maxAttempts);
      dead = dead.filter((e) => e.attempts + 1 >= maxAttempts);
      stats.retried += retry.length;
      d.debug('retry in', wait, result.reason);
      await store.update(retry.map((e) => ({ ...e, attempts: e.attempts + 1, notBefore: now + wait })));
      d.wakeAt(now + wait);
    }
    if (dead[0]) {
      await dropAll(
        dead,
        kind === 'retry-later' ? 'max-attempts' : kind,
        kind === 'too-large' ? 'HTTP 413' : result.reason,
      );
    }
  }

  /** Sends claimed entries; resolves false when sending should pause (gateway unavailable or refusing us). */
  async function send(entries: Entries, unloading: boolean): Promise<boolean> {
    claim(entries);
    stats.sent += entries.length;
    stats.batches++;
    for (const e of entries) if (e.handedOverAt) stats.resent++;
    try {
      // The page may not live to read this answer: the events stay stored, marked, and a later
      // visit sends them again. The answer, when read, removes them or (retry-later) unmarks them.
      if (unloading) store.update(entries.map((e) => ({ ...e, handedOverAt: d.now() }))).catch(fail);
      let result: SendResult;
      try {
        const batch = entries.map((e) => e.event);
        result = await d.transport.send(
          { batch, sentAt: isoTime(d.now()), writeKey: o.writeKey },
          { unloading },
        );
      } catch (error) {
        result = { kind: 'retry-later', reason: String(error) };
      }
      d.debug('sent', entries.length, result.kind);
      if (result.kind === 'too-large' && entries[1]) {
        const half = Math.ceil(entries.length / 2);
        return (
          (await send(entries.slice(0, half), unloading)) && (await send(entries.slice(half), unloading))
        );
      }
      await settle(entries, result);
      return result.kind === 'ok' || result.kind === 'too-large';
    } finally {
      release(entries);
    }
  }

  /**
   * Sends what is due: one request at a time until nothing is due or a send fails. Unloading, it
   * reads the whole queue and sends all of it at once (the page may not live to read it again).
   */
  async function pass(unloading: boolean, ignoreBackoff: boolean): Promise<void> {
    for (;;) {
      const limit = unloading ? o.maxUnloadBytes : o.maxBatchBytes;
      const old: QueuedEvent[] = [];
      const chunks: QueuedEvent[][] = [];
      await look(unloading ? ALL : inFlight.size + o.maxBatchEvents, (entries) => {
        const now = d.now();
        let chunk: QueuedEvent[] = [];
        let bytes = 0;
        // What is taken is claimed here, in the turn the peek resolved. No event enters flight
        // while opted out or while a purge is pending.
        for (const e of halted || purges ? [] : entries) {
          if (inFlight.has(e.id)) continue;
          if (now - e.enqueuedAt > o.retry.maxAge) {
            old.push(e);
            inFlight.add(e.id);
            continue;
          }
          // First in, first out: an event waiting out a backoff holds back the ones behind it.
          const notBefore = e.notBefore ?? 0;
          if (notBefore > now && !ignoreBackoff) {
            d.wakeAt(notBefore);
            break;
          }
          if (chunk[0] && (chunk.length >= o.maxBatchEvents || bytes + e.bytes > limit)) {
            if (!unloading) break;
            chunk = [];
            bytes = 0;
          }
          if (!chunk[0]) chunks.push(chunk);
          chunk.push(e);
          inFlight.add(e.id);
          bytes += e.bytes + 1;
        }
      });
      if (old[0]) await dropAll(old, 'max-age', `queued over ${o.retry.maxAge} ms`);
      const [first] = chunks;
      if (!first) {
        if (old[0]) continue;
        return;
      }
      if (unloading) {
        await Promise.all(chunks.map((c) => send(c, true)));
        return;
      }
      if (!(await send(first, false))) return;
    }
  }

  const fail = (error: unknown) => d.report(new InletError('store', 'queue store failed', error));

  async function holder(): Promise<void> {
    holding = true;
    try {
      while (again || extra.size) {
        if (again) {
          const passUnload = unload;
          const passForce = force;
          again = unload = force = false;
          await pass(passUnload, passForce);
        } else await Promise.all(extra);
      }
    } finally {
      holding = false;
    }
  }

  return {
    /**
     * Sends what is due. Calls made while a drain runs join it (it looks again before it ends);
     * an unloading call runs a pass beside it at once, skipping the events in flight.
     */
    drain(options: FlushOptions = {}): Promise<void> {
      if (holding && options.unloading) {
        const extraPass: Promise<void> = pass(true, !!options.ignoreBackoff)
          .catch(fail)
          .finally(() => extra.delete(extraPass));
        extra.add(extraPass);
        return extraPass;
      }
      again = true;
      unload ||= !!options.unloading;
      force ||= !!options.ignoreBackoff;
      running ??= (async () => {
        try {
          while (again) {
            if (!(await d.lock.tryRun(holder)).ran) {
              again = false;
              d.debug('queue locked');
              d.wakeAt(d.now() + o.flushInterval);
            }
          }
        } catch (error) {
          again = false;
          fail(error);
        }
        // Cleared in the same turn as the last look at `again`, so no call joins a finished drain.
        running = undefined;
      })();
      return running;
    },
    /** Stops or resumes sending (opt-out). */
    halt(on: boolean): void {
      halted = on;
    },
    /** Gives up every queued event (opt-out); those in flight count as acknowledged if their send succeeds. */
    purge(): Promise<void> {
      purges++;
      purging = purging
        .then(async () => {
          let all: Entries = [];
          const mine = await look(ALL, (entries) => {
            all = entries;
            for (const id of inFlight) if (!gone.has(id)) gone.set(id, 'consent');
            const idle = entries.filter((e) => !inFlight.has(e.id));
            claim(idle);
            return idle;
          });
          // In-flight ones go too: their send's outcome counts them.
          await retire(mine, () => drop(mine.length, 'consent'), all);
        })
        .catch(fail)
        .finally(() => {
          purges--;
        });
      return purging;
    },
    discard,
    /** Writes entries to the store (the write starts at once), counting those it evicts, or all if it fails. */
    push(entries: Entries): Promise<void> {
      let reason: DropReason = 'cap';
      let message = 'queue full';
      return fresh(
        () =>
          (async () => (await store.push(entries)).dropped)().catch((error: unknown) => {
            reason = 'store';
            message = `store.push failed: ${error}`;
            return entries;
          }),
        (dropped) => discard(dropped, reason, message),
      );
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
