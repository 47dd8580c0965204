import { backoff } from './backoff';
import { InletError } from './errors';
import type { ResolvedOptions } from './options';
import type { QueuedEvent, QueueStore } from './seams/queue-store';
import type { SendLock } from './seams/send-lock';
import type { SendResult, Transport } from './seams/transport';
import type { DropReason, Stats } from './stats';

export interface FlushOptions {
  /** The page is going away: send every eligible event at once, in requests of ≤ `maxUnloadBytes`. */
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

const ids = (entries: readonly QueuedEvent[]) => entries.map((e) => e.id);

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

  const claim = (entries: readonly QueuedEvent[]) => {
    for (const e of entries) inFlight.add(e.id);
  };

  /** Unclaims entries just counted (in the same turn, so nothing can count them again). */
  const done = (entries: readonly QueuedEvent[]) => {
    for (const { id } of entries) {
      inFlight.delete(id);
      gone.delete(id);
      counted(id);
    }
  };

  /** Unclaims entries still claimed; those the store lost meanwhile are counted now, for the reason they were lost. */
  const release = (entries: readonly QueuedEvent[]) => {
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
  async function fresh<T>(
    answer: () => Promise<readonly QueuedEvent[]>,
    use: (entries: readonly QueuedEvent[]) => T,
  ) {
    const start = ++ticks;
    open.add(start);
    try {
      const entries = await answer();
      return use(entries.filter((e) => (stale.get(e.id) ?? 0) < start));
    } finally {
      open.delete(start);
      const oldest = Math.min(...open);
      for (const [id, tick] of stale) if (tick < oldest) stale.delete(id);
    }
  }

  /** Peeks; `use` claims what it takes in the same turn. */
  const look = <T>(limit: number, use: (entries: readonly QueuedEvent[]) => T) =>
    fresh(() => store.peek(limit), use);

  /** Counts entries the store lost; claimed ones are counted when released. */
  function discard(entries: readonly QueuedEvent[], reason: DropReason, message?: string): void {
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

  /** Removes claimed entries for good, counted once for `reason`. */
  async function retire(
    entries: readonly QueuedEvent[],
    reason: DropReason,
    message?: string,
  ): Promise<void> {
    try {
      await store.remove(ids(entries));
      done(entries);
      drop(entries.length, reason, message);
    } finally {
      release(entries);
    }
  }

  async function settle(entries: readonly QueuedEvent[], result: SendResult): Promise<void> {
    if (result.kind === 'ok') {
      await store.remove(ids(entries));
      const bad = new Set(result.rejected.map((r) => r.index).filter((i) => entries[i]));
      stats.rejected += bad.size;
      stats.acknowledged += entries.length - bad.size;
      done(entries);
      if (bad.size) d.report(new InletError('rejected', `${bad.size} events rejected`, result.rejected));
      return;
    }
    let dead = entries.filter((e) => !gone.has(e.id));
    if (result.kind === 'retry-later') {
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
      const { kind } = result;
      await retire(
        dead,
        kind === 'retry-later' ? 'max-attempts' : kind,
        kind === 'too-large' ? 'HTTP 413' : result.reason,
      );
    }
  }

  /** Sends claimed entries; resolves false when sending should pause (gateway unavailable or refusing us). */
  async function send(entries: readonly QueuedEvent[], unloading: boolean): Promise<boolean> {
    claim(entries);
    stats.sent += entries.length;
    stats.batches++;
    try {
      let result: SendResult;
      try {
        const batch = entries.map((e) => e.event);
        result = await d.transport.send(
          { batch, sentAt: new Date(d.now()).toISOString(), writeKey: o.writeKey },
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

  /** Sends what is due: one request at a time until nothing is due or a send fails; all at once when unloading. */
  async function pass(unloading: boolean, ignoreBackoff: boolean): Promise<void> {
    for (;;) {
      const limit = unloading ? o.maxUnloadBytes : o.maxBatchBytes;
      const { old, chunks } = await look(inFlight.size + o.maxBatchEvents, (entries) => {
        const now = d.now();
        const chunks: QueuedEvent[][] = [];
        const old: QueuedEvent[] = [];
        let chunk: QueuedEvent[] = [];
        let bytes = 0;
        // No event enters flight while opted out or while a purge is pending.
        for (const e of halted || purges ? [] : entries) {
          if (inFlight.has(e.id)) continue;
          if (now - e.enqueuedAt > o.retry.maxAge) {
            old.push(e);
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
            chunks.push(chunk);
            chunk = [];
            bytes = 0;
          }
          chunk.push(e);
          bytes += e.bytes + 1;
        }
        if (chunk[0]) chunks.push(chunk);
        claim(old);
        for (const c of chunks) claim(c);
        return { old, chunks };
      });
      if (old[0]) await retire(old, 'max-age', `queued over ${o.retry.maxAge} ms`);
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

  const acquire = async () => d.lock.tryRun(holder);

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
            if (!(await acquire()).ran) {
              again = false;
              d.debug('queue held by another sender');
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
          let all: readonly QueuedEvent[] = [];
          const mine = await look(2 ** 30, (entries) => {
            all = entries;
            for (const id of inFlight) if (!gone.has(id)) gone.set(id, 'consent');
            const idle = entries.filter((e) => !inFlight.has(e.id));
            claim(idle);
            return idle;
          });
          try {
            // In-flight ones go too: their send's outcome counts them.
            await store.remove(ids(all));
            done(mine);
            drop(mine.length, 'consent');
          } finally {
            release(mine);
          }
        })
        .catch(fail)
        .finally(() => {
          purges--;
        });
      return purging;
    },
    discard,
    /** Writes entries to the store (the write starts at once), counting those it evicts, or all if it fails. */
    push(entries: readonly QueuedEvent[]): Promise<void> {
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
