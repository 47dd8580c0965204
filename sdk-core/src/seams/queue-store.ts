import type { EventInput } from '@inlet/schemas';

/** One event waiting for delivery. `id` is its `messageId`; entries are replaced, never mutated. */
export interface QueuedEvent {
  readonly id: string;
  /** The event as it will be sent (messageId and timestamp already set). */
  readonly event: EventInput;
  /** UTF-8 bytes of the event's JSON, computed once when queued. */
  readonly bytes: number;
  /** When it was queued, ms since the epoch: the maximum age counts from here. */
  readonly enqueuedAt: number;
  /** Send attempts that ended in retry-later. */
  readonly attempts: number;
  /** Not to be sent before this time (backoff or Retry-After), ms since the epoch. */
  readonly notBefore?: number;
  /**
   * When an unloading send (keepalive, at hidden or pagehide) carried it, ms since the epoch: set
   * as that send starts and gone once its answer is read. Still set on a later visit, the page died
   * before the answer: the gateway may hold the event, so sending it again may make a duplicate.
   */
  readonly handedOverAt?: number;
}

/** A queue's caps: the oldest events are dropped beyond either (counted `cap`). */
export interface QueueCaps {
  readonly maxEvents: number;
  readonly maxBytes: number;
}

export interface PushResult {
  /** Entries evicted to keep the store under its cap, oldest first (counted as dropped). */
  readonly dropped: readonly QueuedEvent[];
}

/**
 * Where events wait until the gateway acknowledged them: memory in sdk-core, IndexedDB in the
 * browser, an append-only journal in Node. An event is pushed before it is sent and removed only
 * after an `ok` (or a final drop), so a crash between the two resends rather than loses it.
 */
export interface QueueStore {
  /** Persists entries; resolves once they are durable in this store. */
  push(entries: readonly QueuedEvent[]): Promise<PushResult>;
  /** Oldest first, at most `limit` entries (opt-out asks for all of them with a huge limit). */
  peek(limit: number): Promise<readonly QueuedEvent[]>;
  /** Replaces entries with the same ids (attempt counts, notBefore); ids no longer held are ignored, never re-added. */
  update(entries: readonly QueuedEvent[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  size(): Promise<number>;
  clear(): Promise<void>;
}
