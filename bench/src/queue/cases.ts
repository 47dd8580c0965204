/**
 * What the queue bench times: a `QueueStore` held full at a cap, then the two things a busy queue
 * does per event. Stores are driven synchronously: `memoryStore`'s bodies run at call time, and the
 * promises they return are already settled.
 */
import type { QueueCaps, QueuedEvent, QueueStore } from '@inlet/sdk-core';
import type { Case } from '../shared/timing';

export type MakeStore = (caps: QueueCaps) => QueueStore;

/** The size of a batch the core sends: `maxBatchEvents`' default. */
export const SEND = 500;

const EVENT = { type: 'track', event: 'Bench Event', anonymousId: 'bench-user' } as const;

/** Entries with fresh ids, as the core makes them: ~300 bytes of JSON each. */
function entries() {
  let n = 0;
  return (count: number): QueuedEvent[] =>
    Array.from({ length: count }, () => {
      const id = `e${n++}`;
      return { id, event: { ...EVENT, messageId: id }, bytes: 300, enqueuedAt: n, attempts: 0 };
    });
}

/** One event pushed into a full queue of `cap`: it evicts the oldest (the cap binds on events). */
export function pushCase(label: string, make: MakeStore, cap: number): Case {
  const next = entries();
  const store = make({ maxEvents: cap, maxBytes: Number.MAX_SAFE_INTEGER });
  void store.push(next(cap));
  return { label, batch: () => store.push(next(1)) };
}

/**
 * A send's work on a full queue of `cap`, per batch of 500: peek them, remove them once
 * acknowledged, and the page captures 500 more meanwhile (one push each, as bursts of one).
 */
export function sendCase(label: string, make: MakeStore, cap: number): Case {
  const next = entries();
  const store = make({ maxEvents: cap, maxBytes: Number.MAX_SAFE_INTEGER });
  void store.push(next(cap));
  // Ids count up from e0, so the oldest held are known without keeping them.
  let oldest = 0;
  const ids = (from: number) => Array.from({ length: SEND }, (_, i) => `e${from + i}`);
  return {
    label,
    batch: () => {
      void store.peek(SEND);
      void store.remove(ids(oldest));
      oldest += SEND;
      for (const e of next(SEND)) void store.push([e]);
      return oldest;
    },
  };
}

/** The same two steps on a plain array, for scale: `push` and `shift`, as a hand-written queue would. */
export function arrayCase(cap: number): Case {
  const next = entries();
  const queue = next(cap);
  return {
    label: 'plain array: push + shift (reference)',
    batch: () => {
      queue.push(...next(1));
      return queue.shift();
    },
  };
}
