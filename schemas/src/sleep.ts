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

/** How a sleep ends when its signal aborts. */
export type SleepAbort = 'resolve' | 'reject';

export interface SleepOptions {
  /** Ends the wait early, at once if it already has aborted (see `onAbort`). Default: none. */
  readonly signal?: SleepSignal | undefined;
  /**
   * What an abort does: `resolve` (default) lets a loop check its own stop flag; `reject` throws
   * `AbortedError` for a caller that must not mistake an abort for the time having passed.
   */
  readonly onAbort?: SleepAbort;
  /** Lets a Node process exit while it waits. Default false: the timer keeps the process alive. */
  readonly unref?: boolean;
}

/** A sleep with `onAbort: 'reject'` whose signal aborted. */
export class AbortedError extends Error {
  override readonly name = 'AbortedError';
  constructor() {
    super('aborted');
  }
}

/**
 * Resolves after `ms` (at once when `ms` ≤ 0), or when `signal` aborts; with `onAbort: 'reject'` an
 * abort rejects with `AbortedError` instead (and an already aborted signal rejects even for `ms` ≤ 0).
 */
export function sleep(ms: number, options: SleepOptions = {}): Promise<void> {
  const { signal } = options;
  const reject = options.onAbort === 'reject';
  return new Promise((resolve, fail) => {
    const end = (aborted: boolean) => (aborted && reject ? fail(new AbortedError()) : resolve());
    if (signal?.aborted === true || ms <= 0) {
      end(signal?.aborted === true);
      return;
    }
    const done = (aborted: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      end(aborted);
    };
    const onAbort = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    if (options.unref === true) (timer as { unref?: () => void }).unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
