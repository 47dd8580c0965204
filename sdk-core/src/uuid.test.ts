import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuid } from './uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuid', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('makes distinct version 4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 200 }, () => uuid()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(V4);
  });

  it('falls back to getRandomValues without randomUUID (insecure contexts)', () => {
    const bytes = (array: Uint8Array) => array.fill(0xab);
    vi.stubGlobal('crypto', { getRandomValues: bytes });
    expect(uuid()).toBe('bbbbbbbb-bbbb-4bbb-bbbb-bbbbbbbbbbbb');
  });

  it('falls back to the given random without crypto', () => {
    vi.stubGlobal('crypto', undefined);
    expect(uuid(() => 0)).toBe('00000000-0000-4000-8000-000000000000');
    expect(uuid(Math.random)).toMatch(V4);
  });
});
