/**
 * The snippet pasted into a page's <head> before `<script src="inlet.js" async>`: defines
 * `window.inlet` at once and queues calls until the script has loaded and replays them in order.
 * Built to `dist/snippet.min.js` (≤ 1 KB, checked by the size budget test); imports nothing.
 */
import type { SnippetCall } from './snippet-types';

((w: Window & { inlet?: unknown }) => {
  if (w.inlet) return;
  const q: SnippetCall[] = [];
  const stub: Record<string, unknown> = { _q: q };
  for (const method of 'track page screen identify group alias log flush reset optOut optIn use'.split(' ')) {
    stub[method] = (...args: unknown[]) => {
      q.push([method, args]);
    };
  }
  w.inlet = stub;
})(window);
