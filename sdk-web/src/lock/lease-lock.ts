import type { SendLock } from '@inlet/sdk-core';

export interface LeaseLockOptions {
  /** localStorage key of the lease. */
  readonly key: string;
  readonly storage: Storage;
  /** A lease not renewed for this long is taken over: a dead tab's bound. Default 15,000 ms. */
  readonly ttlMs?: number;
  /** Wait after writing the lease before trusting it, so two tabs racing see one winner. Default 50 ms. */
  readonly settleMs?: number;
  /** This tab's id. Default random. */
  readonly holder?: string;
}

/**
 * A lease in localStorage for browsers without Web Locks: `holder expiry`, renewed every third
 * of the ttl while `fn` runs, taken over after expiry. A tab that dies mid-send stops renewing,
 * so its events stay queued and another tab sends them once the lease lapses.
 */
export function createLeaseLock({
  key,
  storage,
  ttlMs = 15_000,
  settleMs = 50,
  holder,
}: LeaseLockOptions): SendLock {
  const me = holder ?? Math.random().toString(36).slice(2);
  let busy = false;
  const read = () => (storage.getItem(key) ?? '').split(' ');
  const write = () => storage.setItem(key, `${me} ${Date.now() + ttlMs}`);
  const mine = () => read()[0] === me;

  return {
    async tryRun(fn) {
      const [other, expires] = read();
      if (busy || (other && other !== me && Number(expires) > Date.now())) return { ran: false };
      busy = true;
      try {
        write();
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        if (!mine()) return { ran: false };
        const renew = setInterval(() => mine() && write(), ttlMs / 3);
        try {
          return { ran: true, value: await fn() };
        } finally {
          clearInterval(renew);
          if (mine()) storage.removeItem(key);
        }
      } finally {
        busy = false;
      }
    },
  };
}
