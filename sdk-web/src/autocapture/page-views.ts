/**
 * Calls `onPage` for the first load and for every SPA navigation that changes the URL:
 * `history.pushState`/`replaceState` (wrapped) and `popstate` (back/forward), until `signal`
 * aborts, which unwraps history again.
 */
export function capturePageViews(onPage: () => void, signal: AbortSignal): void {
  let last = location.href;
  const check = () => {
    if (location.href !== last) {
      last = location.href;
      onPage();
    }
  };
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    const wrapped: History['pushState'] = function (this: History, ...args) {
      original.apply(this, args);
      check();
    };
    history[name] = wrapped;
    // Someone may have wrapped ours meanwhile: then theirs stays in place.
    signal.addEventListener('abort', () => {
      if (history[name] === wrapped) history[name] = original;
    });
  }
  addEventListener('popstate', check, { signal });
  onPage();
}
