import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortedError, sleep } from './sleep';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const settled = (promise: Promise<void>) => {
  const state = { done: false };
  void promise.then(() => {
    state.done = true;
  });
  return state;
};

describe('sleep', () => {
  it('resolves after the time, not before', async () => {
    const state = settled(sleep(1_000));
    await vi.advanceTimersByTimeAsync(999);
    expect(state.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.done).toBe(true);
  });

  it('resolves as the signal aborts, and at once when it already has or the time is not positive', async () => {
    const abort = new AbortController();
    const state = settled(sleep(60_000, { signal: abort.signal }));
    await vi.advanceTimersByTimeAsync(10);
    expect(state.done).toBe(false);
    abort.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await expect(sleep(60_000, { signal: abort.signal })).resolves.toBeUndefined();
    await expect(sleep(0)).resolves.toBeUndefined();
  });

  it("with onAbort 'reject', rejects with AbortedError as the signal aborts or when it already has", async () => {
    const abort = new AbortController();
    const waiting = sleep(60_000, { signal: abort.signal, onAbort: 'reject' });
    const outcome = waiting.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    abort.abort();
    expect(await outcome).toBeInstanceOf(AbortedError);
    expect(vi.getTimerCount()).toBe(0);
    await expect(sleep(0, { signal: abort.signal, onAbort: 'reject' })).rejects.toThrow(AbortedError);
  });

  it("with onAbort 'reject', still resolves when the time passes first", async () => {
    const abort = new AbortController();
    const state = settled(sleep(1_000, { signal: abort.signal, onAbort: 'reject' }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.done).toBe(true);
    abort.abort();
    await expect(sleep(0, { onAbort: 'reject' })).resolves.toBeUndefined();
  });
});
