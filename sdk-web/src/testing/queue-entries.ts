/** Queue entries for the store tests, and a fresh fake IndexedDB per test. */
import type { QueuedEvent } from '@inlet/sdk-core';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, vi } from 'vitest';

export const entry = (n: number, bytes = 100): QueuedEvent => ({
  id: `m${n}`,
  event: { type: 'track', event: `e${n}`, messageId: `m${n}`, anonymousId: 'a1' },
  bytes,
  enqueuedAt: 1_000 + n,
  attempts: 0,
});
export const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));
export const ids = (entries: readonly QueuedEvent[]) => entries.map((e) => e.id);

/** A fresh IndexedDB per test of the calling file: nothing leaks from one test into the next. */
export function freshIndexedDbPerTest(): void {
  beforeEach(() => {
    vi.stubGlobal('indexedDB', new IDBFactory());
  });
}
