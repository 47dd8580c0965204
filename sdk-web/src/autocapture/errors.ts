/** The `log` event's fields for an uncaught error. */
export interface ErrorLog {
  readonly message: string;
  /** `onerror` or `unhandledrejection`: which handler caught it. */
  readonly logger: string;
  readonly error?: { readonly name: string; readonly message: string; readonly stack?: string | undefined };
}

/** A page stuck in an error loop (or a reporter that throws) must not flood the queue. */
const MAX_PER_PAGE = 100;

/** Calls `onError` for uncaught errors and unhandled promise rejections, at most 100 per page. */
export function captureErrors(onError: (log: ErrorLog) => void, signal: AbortSignal): void {
  let count = 0;
  const report = (logger: string, reason: unknown, message = String(reason)) => {
    if (count++ >= MAX_PER_PAGE) return;
    // The stack says where; a cross-origin script's error has none, only "Script error.".
    const { name, message: text, stack } = reason instanceof Error ? reason : ({} as Partial<Error>);
    onError(
      name
        ? { message: text || name, logger, error: { name, message: text ?? '', stack } }
        : { message, logger },
    );
  };
  addEventListener('error', (event) => report('onerror', event.error, event.message), { signal });
  addEventListener('unhandledrejection', (event) => report('unhandledrejection', event.reason), { signal });
}
