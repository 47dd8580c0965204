/**
 * A small history router: routes like `/property/:id`, same-origin links handled without a reload,
 * back/forward, and the page title set before the URL changes, so the SDK's automatic page view
 * (taken when `pushState` runs) carries the new page's title.
 */

export type Params = Readonly<Record<string, string>>;

export interface RouteContext {
  readonly params: Params;
  readonly query: URLSearchParams;
  readonly navigate: (url: string, options?: { replace?: boolean }) => void;
}

export interface Route {
  /** `/`, `/search`, `/property/:id`… */
  readonly path: string;
  readonly title: (ctx: RouteContext) => string;
  /** Fills `view`; the router empties it first. */
  readonly render: (view: HTMLElement, ctx: RouteContext) => void;
}

/** The route matching `pathname` and its parameters (decoded), or undefined. */
export function matchRoute(
  routes: readonly Route[],
  pathname: string,
): { route: Route; params: Params } | undefined {
  const parts = pathname.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matched = pattern.every((segment, i) => {
      const part = parts[i] ?? '';
      if (segment.startsWith(':')) {
        try {
          params[segment.slice(1)] = decodeURIComponent(part);
        } catch {
          return false;
        }
        return true;
      }
      return segment === part;
    });
    if (matched) return { route, params };
  }
  return undefined;
}

export interface RouterOptions {
  readonly routes: readonly Route[];
  readonly notFound: Route;
  readonly view: HTMLElement;
  /** Called after every render (highlight the nav, scroll to top). */
  readonly onRender?: (pathname: string) => void;
}

export interface Router {
  navigate(url: string, options?: { replace?: boolean }): void;
  /** Renders the current URL and starts handling links and back/forward. */
  start(): void;
  /** Stops handling links and back/forward. */
  stop(): void;
}

/** A click the router should take over: same origin, plain left click, no target or download. */
function routableLink(event: MouseEvent): HTMLAnchorElement | undefined {
  if (event.defaultPrevented || event.button !== 0) return undefined;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return undefined;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(link instanceof HTMLAnchorElement) || link.target || link.hasAttribute('download')) return undefined;
  return link.origin === location.origin ? link : undefined;
}

export function createRouter(options: RouterOptions): Router {
  const listening = new AbortController();
  const resolve = (url: URL): { route: Route; ctx: RouteContext } => {
    const found = matchRoute(options.routes, url.pathname);
    const ctx = { params: found?.params ?? {}, query: url.searchParams, navigate: router.navigate };
    return { route: found?.route ?? options.notFound, ctx };
  };
  const render = () => {
    const { route, ctx } = resolve(new URL(location.href));
    document.title = route.title(ctx);
    options.view.replaceChildren();
    route.render(options.view, ctx);
    options.onRender?.(location.pathname);
  };
  const router: Router = {
    navigate(url, { replace = false } = {}) {
      const target = new URL(url, location.href);
      const { route, ctx } = resolve(target);
      document.title = route.title(ctx);
      if (replace) history.replaceState(null, '', target);
      else history.pushState(null, '', target);
      render();
    },
    start() {
      const { signal } = listening;
      document.addEventListener(
        'click',
        (event) => {
          const link = routableLink(event);
          if (!link) return;
          event.preventDefault();
          router.navigate(link.href);
        },
        { signal },
      );
      addEventListener('popstate', render, { signal });
      render();
    },
    stop() {
      listening.abort();
    },
  };
  return router;
}
