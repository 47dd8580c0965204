import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClickData, captureClicks } from './clicks';
import { captureErrors, type ErrorLog } from './errors';
import { capturePageViews } from './page-views';
import { cssSelector } from './selector';

let off = new AbortController();
afterEach(() => {
  off.abort();
  off = new AbortController();
  document.body.innerHTML = '';
});
beforeEach(() => {
  history.replaceState(null, '', '/start');
});

describe('page views', () => {
  it('captures the first load, pushState, replaceState and popstate when the URL changes', () => {
    const paths: string[] = [];
    capturePageViews(() => paths.push(location.pathname + location.search), off.signal);
    history.pushState({}, '', '/products?page=2');
    history.replaceState({ scroll: 1 }, ''); // same URL: not a new page
    history.replaceState({}, '', '/products/42');
    history.pushState({}, '', '/cart');
    history.replaceState({}, '', '/products/42'); // the user went "back" by hand
    dispatchEvent(new PopStateEvent('popstate'));
    expect(paths).toEqual(['/start', '/products?page=2', '/products/42', '/cart', '/products/42']);
  });

  it('unwraps history when stopped', () => {
    const original = history.pushState;
    const own = new AbortController();
    capturePageViews(() => {}, own.signal);
    expect(history.pushState).not.toBe(original);
    own.abort();
    expect(history.pushState).toBe(original);
  });
});

describe('clicks', () => {
  it('captures the clicked element with a selector, text, href and coordinates', () => {
    document.title = 'Shop';
    document.body.innerHTML = `
      <div id="nav"><ul><li>Home</li><li><a class="link primary" href="/pricing">
        <span>  See   pricing </span></a></li></ul></div>`;
    const clicks: ClickData[] = [];
    captureClicks((c) => clicks.push(c), off.signal);
    const span = document.querySelector('span');
    span?.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 12, clientY: 34 }));

    expect(clicks).toHaveLength(1);
    const [click] = clicks;
    expect(click?.element).toEqual({
      tag: 'a',
      classes: ['link', 'primary'],
      text: 'See pricing',
      href: `${location.origin}/pricing`,
      selector: '#nav > ul > li:nth-child(2) > a',
    });
    expect(document.querySelector(click?.element.selector ?? '')).toBe(document.querySelector('a'));
    expect(click).toMatchObject({ page: { path: '/start', title: 'Shop', url: `${location.origin}/start` } });
    expect(typeof click?.x).toBe('number');
  });

  it('skips clicks inside data-inlet-ignore', () => {
    document.body.innerHTML = '<div data-inlet-ignore><button>Pay</button></div><button id="ok">OK</button>';
    const clicks: ClickData[] = [];
    captureClicks((c) => clicks.push(c), off.signal);
    document.querySelector('div button')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    document.getElementById('ok')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(clicks.map((c) => c.element.selector)).toEqual(['#ok']);
  });

  it('takes no text from form fields', () => {
    document.body.innerHTML = '<textarea id="note">my secret</textarea>';
    const clicks: ClickData[] = [];
    captureClicks((c) => clicks.push(c), off.signal);
    document.getElementById('note')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(clicks[0]?.element).toMatchObject({ tag: 'textarea', id: 'note', text: undefined });
  });

  it('escapes unusual ids in selectors', () => {
    document.body.innerHTML = '<section id="2 col"><p>a</p><p>b</p></section>';
    const second = document.querySelectorAll('p')[1];
    if (!second) throw new Error('fixture missing');
    const selector = cssSelector(second);
    // happy-dom cannot parse CSS escapes; browsers can. The escaping itself is the browser's CSS.escape.
    expect(selector).toBe(`#${CSS.escape('2 col')} > p:nth-child(2)`);
  });
});

describe('errors', () => {
  it('turns uncaught errors and unhandled rejections into error logs', () => {
    const logs: ErrorLog[] = [];
    captureErrors((log) => logs.push(log), off.signal);
    const error = new TypeError('x is undefined');
    dispatchEvent(
      new ErrorEvent('error', { error, message: error.message, filename: '/app.js', lineno: 3, colno: 7 }),
    );
    const rejection = new Event('unhandledrejection') as Event & { reason: unknown };
    rejection.reason = 'timeout';
    dispatchEvent(rejection);

    expect(logs[0]).toMatchObject({
      message: 'x is undefined',
      logger: 'onerror',
      error: { name: 'TypeError', message: 'x is undefined' },
    });
    expect(logs[1]).toEqual({ message: 'timeout', logger: 'unhandledrejection' });
  });

  it('stops after 100 errors so an error loop cannot flood the queue', () => {
    let count = 0;
    captureErrors(() => count++, off.signal);
    for (let i = 0; i < 150; i++) dispatchEvent(new ErrorEvent('error', { message: `e${i}` }));
    expect(count).toBe(100);
  });
});
