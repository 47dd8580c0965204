import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryStore } from './memory-store';
import type { QueuedEvent } from './seams/queue-store';

const entry = (id: string, bytes: number, attempts = 0): QueuedEvent => ({
  id,
  event: { type: 'track', event: 'E', messageId: id, anonymousId: 'a' },
  bytes,
  enqueuedAt: 0,
  attempts,
});

/** The store's contract written the plain way: one array, copied on every call. */
function model(maxEvents: number, maxBytes: number) {
  let held: QueuedEvent[] = [];
  return {
    push(added: QueuedEvent[]) {
      const all = held.concat(added);
      let total = all.reduce((n, e) => n + e.bytes, 0);
      let over = 0;
      while (over < all.length && (all.length - over > maxEvents || total > maxBytes))
        total -= (all[over++] as QueuedEvent).bytes;
      held = all.slice(over);
      return all.slice(0, over);
    },
    peek: (limit: number) => held.slice(0, limit),
    update(changed: QueuedEvent[]) {
      const byId = new Map(changed.map((e) => [e.id, e]));
      held = held.map((e) => byId.get(e.id) ?? e);
    },
    remove(ids: string[]) {
      held = held.filter((e) => !ids.includes(e.id));
    },
    clear() {
      held = [];
    },
  };
}

// Few ids, so that pushes repeat them and updates and removals hit held, evicted and unknown ones.
const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
const op = fc.oneof(
  fc.record({ push: fc.array(fc.tuple(id, fc.integer({ min: 0, max: 40 })), { maxLength: 6 }) }),
  fc.record({ peek: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ update: fc.array(fc.tuple(id, fc.integer({ min: 1, max: 9 })), { maxLength: 3 }) }),
  fc.record({ remove: fc.array(id, { maxLength: 3 }) }),
  fc.record({ clear: fc.constant(true) }),
);

describe('memoryStore (property)', () => {
  it('answers every call as the plain array model does: order, caps, evictions, duplicates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 120 }),
        fc.array(op, { maxLength: 30 }),
        async (maxEvents, maxBytes, ops) => {
          const store = memoryStore({ maxEvents, maxBytes });
          const m = model(maxEvents, maxBytes);
          for (const o of ops) {
            if ('push' in o) {
              const added = o.push.map(([i, bytes]) => entry(i, bytes));
              expect((await store.push(added)).dropped).toEqual(m.push(added));
            } else if ('peek' in o) {
              expect(await store.peek(o.peek)).toEqual(m.peek(o.peek));
            } else if ('update' in o) {
              // Same bytes as the held entry of that id, as the core's updates (attempts only).
              const changed = o.update.map(([i, attempts]) => {
                const held = m.peek(Infinity).find((e) => e.id === i);
                return entry(i, held?.bytes ?? 0, attempts);
              });
              await store.update(changed);
              m.update(changed);
            } else if ('remove' in o) {
              await store.remove(o.remove);
              m.remove(o.remove);
            } else {
              await store.clear();
              m.clear();
            }
            expect(await store.size()).toBe(m.peek(Infinity).length);
          }
          expect(await store.peek(Infinity)).toEqual(m.peek(Infinity));
        },
      ),
      { numRuns: 500 },
    );
  });
});
