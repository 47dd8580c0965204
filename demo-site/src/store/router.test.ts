import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, matchRoute, type Route, type Router } from './router';

const route = (path: string, title = path): Route => ({
  path,
  title: (ctx) => `${title}${ctx.params.id ? ` ${ctx.params.id}` : ''}`,
  render: (view, ctx) => {
    view.textContent = `${path}|${JSON.stringify(ctx.params)}|${ctx.query.get('q') ?? ''}`;
  },
});

describe('matchRoute', () => {
  const routes = [route('/'), route('/search'), route('/property/:id'), route('/checkout/done')];
  it('matches static and parameter segments, decoding parameters', () => {
    expect(matchRoute(routes, '/')?.route.path).toBe('/');
    expect(matchRoute(routes, '/search')?.route.path).toBe('/search');
    expect(matchRoute(routes, '/property/lis-101')?.params).toEqual({ id: 'lis-101' });
    expect(matchRoute(routes, '/property/a%20b')?.params).toEqual({ id: 'a b' });
    expect(matchRoute(routes, '/checkout/done')?.route.path).toBe('/checkout/done');
  });
  it('matches nothing for unknown paths, extra segments or undecodable parameters', () => {
    expect(matchRoute(routes, '/nope')).toBeUndefined();
    expect(matchRoute(routes, '/property/x/y')).toBeUndefined();
    expect(matchRoute(routes, '/property/%E0%A4%A')).toBeUndefined();
  });
});

describe('createRouter', () => {
  let view: HTMLElement;
  const started: Router[] = [];
  const start = (router: Router) => {
    started.push(router);
    router.start();
    return router;
  };
  beforeEach(() => {
    history.replaceState(null, '', '/');
    view = document.createElement('main');
    document.body.replaceChildren(view);
  });
  afterEach(() => {
    for (const router of started.splice(0)) router.stop();
    document.body.replaceChildren();
  });

  it('sets the title before the URL changes, so a page view taken on pushState carries it', () => {
    const router = createRouter({
      routes: [route('/', 'Home'), route('/property/:id', 'Stay')],
      notFound: route('*', 'Missing'),
      view,
    });
    start(router);
    expect(document.title).toBe('Home');
    const titles: string[] = [];
    const original = history.pushState.bind(history);
    history.pushState = (...args: Parameters<History['pushState']>) => {
      titles.push(document.title);
      original(...args);
    };
    try {
      router.navigate('/property/lis-101?q=x');
    } finally {
      history.pushState = original;
    }
    expect(titles).toEqual(['Stay lis-101']);
    expect(location.pathname).toBe('/property/lis-101');
    expect(view.textContent).toBe('/property/:id|{"id":"lis-101"}|x');
  });

  it('renders the not-found route for unknown paths and follows same-origin links without a reload', () => {
    const rendered: string[] = [];
    const router = createRouter({
      routes: [route('/'), route('/search')],
      notFound: route('*', 'Missing'),
      view,
      onRender: (pathname) => rendered.push(pathname),
    });
    start(router);
    const link = document.createElement('a');
    link.href = '/search?q=Lisbon';
    link.textContent = 'go';
    document.body.append(link);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(view.textContent).toBe('/search|{}|Lisbon');
    router.navigate('/elsewhere');
    expect(document.title).toBe('Missing');
    expect(rendered).toEqual(['/', '/search', '/elsewhere']);
  });
});
