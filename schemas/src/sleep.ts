/*
 * schemas is built without DOM or Node types (it runs everywhere), so the little of timers and
 * AbortSignal used here is declared by shape; Node's and the browser's fit it.
 */
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(timer: unknown): void;

/** The part of an `AbortSignal` a sleep listens to. */
export interface SleepSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface SleepOptions {
  /** Ends the wait early: the sleep resolves as it aborts, at once if it already has. Default: none. */
  readonly signal?: SleepSignal | undefined;
  /** Lets a Node process exit while it waits. Default false: the timer keeps the process alive. */
  readonly unref?: boolean;
}

/** Resolves after `ms` (at once when `ms` ≤ 0), or when `signal` aborts; never rejects. */
export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  const { signal } = options;
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted === true) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (options.unref === true) (timer as { unref?: () => void }).unref?.();
    signal?.addEventListener('abort', done, { once: true });
  });
}
