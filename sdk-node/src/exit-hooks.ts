/**
 * Flush on the way out: once on `beforeExit` (the event loop ran dry with events still queued, since
 * our timers are unref'd) and on SIGTERM/SIGINT. One set of process listeners serves every SDK
 * instance, so a signal waits for all of them before the process ends.
 */

export interface ExitHook {
  /** True while events wait to be sent. */
  pending(): boolean;
  /** Flushes and closes; must not reject. */
  close(): Promise<unknown>;
}

const hooks = new Set<ExitHook>();
let signalled = false;

function beforeExit(): void {
  for (const hook of hooks) {
    if (!hook.pending()) continue;
    hooks.delete(hook);
    void hook.close();
  }
  if (!hooks.size) detach();
}

function onSignal(signal: NodeJS.Signals): void {
  if (signalled) return;
  signalled = true;
  const closing = [...hooks].map((hook) => hook.close());
  hooks.clear();
  detach();
  void Promise.allSettled(closing).then(() => {
    signalled = false;
    // Without us the signal would have ended the process; if nobody else handles it, end it now.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

function attach(): void {
  process.on('beforeExit', beforeExit);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

function detach(): void {
  process.off('beforeExit', beforeExit);
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
}

/** Registers `hook`; returns its removal. */
export function flushOnExit(hook: ExitHook): () => void {
  if (!hooks.size) attach();
  hooks.add(hook);
  return () => {
    if (hooks.delete(hook) && !hooks.size) detach();
  };
}
