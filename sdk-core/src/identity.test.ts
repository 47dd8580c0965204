import { describe, expect, it } from 'vitest';
import { createIdentity } from './identity';
import { memoryKv } from './memory-store';
import type { KeyValueStore } from './seams/key-value-store';

function counted(kv: KeyValueStore = memoryKv()) {
  const writes: Array<[string, string | undefined]> = [];
  return {
    kv: {
      get: kv.get,
      set: (k: string, v: string | undefined) => {
        writes.push([k, v]);
        kv.set(k, v);
      },
    },
    writes,
  };
}

let n = 0;
const newId = () => `anon-${++n}`;

describe('identity', () => {
  it('makes an anonymousId once, persists it, and reads it back', () => {
    const { kv, writes } = counted();
    const identity = createIdentity(kv, newId);
    const first = identity.get().anonymousId;
    expect(identity.get().anonymousId).toBe(first);
    expect(writes).toEqual([['anonymousId', first]]);
    expect(createIdentity(kv, newId).get().anonymousId).toBe(first);
  });

  it('writes through only what changed', () => {
    const { kv, writes } = counted();
    const identity = createIdentity(kv, newId);
    identity.identify('u1', { plan: 'pro' });
    writes.length = 0;
    identity.identify('u1', { seats: 3 });
    expect(writes).toEqual([['traits', '{"plan":"pro","seats":3}']]);
    writes.length = 0;
    identity.get();
    expect(writes).toEqual([]);
  });

  it('merges traits for the same user and replaces them for a new one', () => {
    const identity = createIdentity(memoryKv(), newId);
    identity.identify('u1', { plan: 'pro' });
    expect(identity.identify(undefined, { seats: 3 })).toMatchObject({
      userId: 'u1',
      traits: { plan: 'pro', seats: 3 },
    });
    expect(identity.identify('u2', { name: 'B' })).toMatchObject({ userId: 'u2', traits: { name: 'B' } });
  });

  it('survives a reload with userId and traits', () => {
    const kv = memoryKv();
    createIdentity(kv, newId).identify('u1', { plan: 'pro' });
    expect(createIdentity(kv, newId).get()).toMatchObject({ userId: 'u1', traits: { plan: 'pro' } });
  });

  it('ignores unreadable stored traits', () => {
    expect(createIdentity(memoryKv({ traits: '[1' }), newId).get().traits).toEqual({});
    expect(createIdentity(memoryKv({ traits: '[1]' }), newId).get().traits).toEqual({});
  });

  it('reset makes a new anonymousId and clears the user; forget removes everything', () => {
    const kv = memoryKv();
    const identity = createIdentity(kv, newId);
    const before = identity.identify('u1', { plan: 'pro' }).anonymousId;
    identity.reset();
    expect(identity.get()).toEqual({
      anonymousId: expect.not.stringMatching(before),
      userId: undefined,
      traits: {},
    });
    expect(kv.get('userId')).toBeUndefined();
    identity.forget();
    expect([kv.get('anonymousId'), kv.get('userId'), kv.get('traits')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
