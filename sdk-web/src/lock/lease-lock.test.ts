import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeaseLock } from './lease-lock';

const KEY = 'inlet:send';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
});

// Two tabs share one localStorage; each has its own lock instance and holder id.
const tab = (holder: string) =>
  createLeaseLock({ key: KEY, storage: localStorage, holder, ttlMs: 3_000, settleMs: 50 });

describe('localStorage lease lock', () => {
  it('lets one tab send while the other is refused, and frees the lease afterwards', async () => {
    const a = tab('a');
    const b = tab('b');
    const sending = deferred();
    const runA = a.tryRun(() => sending.promise.then(() => 'sent'));
    await vi.advanceTimersByTimeAsync(50);
    expect(localStorage.getItem(KEY)).toMatch(/^a \d+$/);

    const runB = b.tryRun(async () => 'dup');
    await vi.advanceTimersByTimeAsync(50);
    await expect(runB).resolves.toEqual({ ran: false });

    sending.resolve();
    await expect(runA).resolves.toEqual({ ran: true, value: 'sent' });
    expect(localStorage.getItem(KEY)).toBeNull();
    const later = b.tryRun(async () => 'b sends');
    await vi.advanceTimersByTimeAsync(50);
    await expect(later).resolves.toEqual({ ran: true, value: 'b sends' });
  });

  it('renews the lease while a long send runs, so nobody takes over', async () => {
    const a = tab('a');
    const b = tab('b');
    const sending = deferred();
    const runA = a.tryRun(() => sending.promise);
    await vi.advanceTimersByTimeAsync(10_000); // over three ttls
    const runB = b.tryRun(async () => 'dup');
    await vi.advanceTimersByTimeAsync(50);
    await expect(runB).resolves.toEqual({ ran: false });
    sending.resolve();
    await expect(runA).resolves.toMatchObject({ ran: true });
  });

  it('takes over the lease of a tab that died mid-send once it expires', async () => {
    // Tab "dead" wrote its lease and then stopped existing: nobody renews it.
    localStorage.setItem(KEY, `dead ${Date.now() + 3_000}`);
    const b = tab('b');
    const early = b.tryRun(async () => 'too early');
    await vi.advanceTimersByTimeAsync(50);
    await expect(early).resolves.toEqual({ ran: false });

    await vi.advanceTimersByTimeAsync(3_000);
    const late = b.tryRun(async () => 'taken over');
    await vi.advanceTimersByTimeAsync(50);
    await expect(late).resolves.toEqual({ ran: true, value: 'taken over' });
  });

  it('backs off when another tab overwrote the lease while it settled', async () => {
    const a = tab('a');
    const run = a.tryRun(async () => 'a');
    // Tab b read the lease as free at the same moment and wrote after a did: b wins.
    localStorage.setItem(KEY, `b ${Date.now() + 3_000}`);
    await vi.advanceTimersByTimeAsync(50);
    await expect(run).resolves.toEqual({ ran: false });
    expect(localStorage.getItem(KEY)).toMatch(/^b \d+$/);
  });

  it('does not run twice at once in the same tab', async () => {
    const a = tab('a');
    const sending = deferred();
    const first = a.tryRun(() => sending.promise);
    await expect(a.tryRun(async () => 'again')).resolves.toEqual({ ran: false });
    await vi.advanceTimersByTimeAsync(50);
    sending.resolve();
    await expect(first).resolves.toMatchObject({ ran: true });
  });
});
