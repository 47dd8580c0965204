import { describe, expect, it } from 'vitest';
import { memoryKv } from './memory-store';
import { createSession } from './session';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const MIN = 60_000;

describe('session', () => {
  it('keeps the id while active and rotates it after 30 idle minutes', () => {
    const session = createSession(memoryKv(), 30 * MIN);
    const first = session.touch(T0);
    expect(first).toBe(T0);
    expect(session.touch(T0 + 29 * MIN)).toBe(first);
    expect(session.touch(T0 + 58 * MIN)).toBe(first);
    expect(session.touch(T0 + 88 * MIN + 1)).toBe(T0 + 88 * MIN + 1);
  });

  it('continues a session across a reload', () => {
    const kv = memoryKv();
    createSession(kv, 30 * MIN).touch(T0);
    expect(createSession(kv, 30 * MIN).touch(T0 + 10 * MIN)).toBe(T0);
  });

  it('writes the last activity at most once a minute', () => {
    const sets: string[] = [];
    const kv = memoryKv();
    const session = createSession(
      {
        get: kv.get,
        set: (k, v) => {
          sets.push(`${v}`);
          kv.set(k, v);
        },
      },
      30 * MIN,
    );
    for (let s = 0; s < 120; s++) session.touch(T0 + s * 1_000);
    expect(sets).toEqual([`${T0}.${T0}`, `${T0}.${T0 + MIN}`]);
  });

  it('starts anew after reset, and is off with a timeout of 0', () => {
    const session = createSession(memoryKv(), 30 * MIN);
    session.touch(T0);
    session.reset();
    expect(session.touch(T0 + 1)).toBe(T0 + 1);
    expect(createSession(memoryKv(), 0).touch(T0)).toBeUndefined();
  });
});
