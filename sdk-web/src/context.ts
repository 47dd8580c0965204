/** `context.page` and a page event's properties: where the user is now. */
export function pageInfo() {
  return {
    path: location.pathname,
    referrer: document.referrer,
    search: location.search,
    title: document.title,
    url: location.href,
  };
}

/**
 * The context every browser event starts from. What cannot change during a page's life is read
 * once; the page is read per event (SPA navigations), which costs a few property reads.
 */
export function contextSource(): () => Record<string, unknown> {
  const fixed = {
    locale: navigator.language,
    userAgent: navigator.userAgent,
    screen: { width: screen.width, height: screen.height, density: devicePixelRatio },
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  return () => ({ ...fixed, page: pageInfo() });
}
