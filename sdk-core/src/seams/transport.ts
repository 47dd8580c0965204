import type { EventInput, RejectedEvent } from '@inlet/schemas';

/** The body of `POST /v1/batch`, before serialisation. */
export interface OutgoingBatch {
  readonly batch: readonly EventInput[];
  readonly sentAt: string;
  readonly writeKey?: string;
}

/**
 * What became of one send (PostHog's shape): the dispatcher decides from this alone.
 * - `ok`: the gateway stored every event it did not list in `rejected`; rejected ones are never retried.
 * - `retry-later`: nothing was stored (network error, 408, 429, 5xx); `retryAfterMs` from Retry-After.
 * - `too-large`: 413; the dispatcher splits the batch.
 * - `fatal`: any other 4xx (bad write key, blocked by an ad blocker): retrying cannot help.
 */
export type SendResult =
  | { readonly kind: 'ok'; readonly rejected: readonly RejectedEvent[] }
  | { readonly kind: 'retry-later'; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'fatal'; readonly reason: string; readonly status?: number };

export interface SendOptions {
  /** The page is going away: use keepalive/beacon delivery and keep the body ≤ 64 KB. */
  readonly unloading?: boolean;
}

/** Delivers one batch: fetch in the browser and in Node, an in-memory fake in tests. */
export interface Transport {
  send(batch: OutgoingBatch, options?: SendOptions): Promise<SendResult>;
}
