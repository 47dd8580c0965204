import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A fresh module per test: its pool of random bytes starts empty. */
let uuid: typeof import('./uuid').uuid;

describe('uuid', () => {
  beforeEach(async () => {
    vi.resetModules();
    ({ uuid } = await import('./uuid'));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('makes distinct version 4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 1_000 }, () => uuid()));
    expect(ids.size).toBe(1_000);
    for (const id of ids) expect(id).toMatch(V4);
  });

  it('draws 4 KB from getRandomValues per 256 ids, setting the version and variant bits', () => {
    let calls = 0;
    vi.stubGlobal('crypto', {
      getRandomValues: (array: Uint8Array) => {
        calls++;
        return array.fill(0xab);
      },
    });
    expect(uuid()).toBe('abababab-abab-4bab-abab-abababababab');
    for (let i = 1; i < 256; i++) uuid();
    expect(calls).toBe(1);
    uuid();
    expect(calls).toBe(2);
  });

  it('uses each random byte once, in order', () => {
    let n = 0;
    vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => array.map(() => n++ & 255) });
    expect([uuid(), uuid()]).toEqual([
      '00010203-0405-4607-8809-0a0b0c0d0e0f',
      '10111213-1415-4617-9819-1a1b1c1d1e1f',
    ]);
  });

  it('falls back to the given random without crypto', () => {
    vi.stubGlobal('crypto', undefined);
    expect(uuid(() => 0)).toBe('00000000-0000-4000-8000-000000000000');
    expect(uuid(Math.random)).toMatch(V4);
  });
});
