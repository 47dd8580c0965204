import type { SnippetCall } from './snippet-types';

/**
 * Calls each queued method on `api` in the order the page made them. A call that throws is
 * reported and skipped: one bad call must not lose the ones after it.
 */
export function replayCalls(
  calls: readonly SnippetCall[],
  api: object,
  onError: (error: unknown, call: SnippetCall) => void = () => {},
): void {
  for (const call of calls) {
    try {
      (api as Record<string, (...args: unknown[]) => unknown>)[call[0]]?.(...call[1]);
    } catch (error) {
      onError(error, call);
    }
  }
}
