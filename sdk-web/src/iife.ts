/**
 * The script-tag build (`dist/inlet.js`): reads its own tag's data attributes, creates the SDK,
 * replays the calls the snippet queued, in order, then starts autocapture.
 */
import { createInletInstance } from './inlet';
import { replayCalls } from './replay';
import { scriptOptions } from './script-options';
import type { SnippetStub } from './snippet-types';

const w = window as Window & { inlet?: unknown };
// `currentScript` is set while a classic script (async too) runs its top level.
const tag = document.currentScript ?? document.querySelector('script[data-write-key]');
const stub = w.inlet as Partial<SnippetStub> | undefined;

// Loaded twice, or after a real instance: leave that one alone.
if (!stub || stub._q) {
  try {
    const { inlet, start } = createInletInstance(
      scriptOptions(tag instanceof HTMLElement ? tag.dataset : {}),
    );
    w.inlet = inlet;
    replayCalls(stub?._q ?? [], inlet, (error) => console.error('[inlet]', error));
    start();
  } catch (error) {
    // A bad data attribute (no write key…): say so, and leave the page alone.
    console.error('[inlet]', error);
  }
}
