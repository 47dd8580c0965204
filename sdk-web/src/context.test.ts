import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { pageInfo } from './context';

const start = location.href;

describe('pageInfo', () => {
  afterEach(() => {
    history.replaceState(null, '', start);
  });

  it('splits path and search out of one read of the href, as location has them', () => {
    for (const path of [
      '/',
      '/a/b.html',
      '/a?b=1&c=%20d',
      '/p?q#h',
      '/p#h?not-search',
      '/x?#',
      '/%E2%82%AC/?€',
    ]) {
      history.replaceState(null, '', path);
      expect(pageInfo()).toMatchObject({
        path: location.pathname,
        search: location.search,
        url: location.href,
        title: document.title,
        referrer: document.referrer,
      });
    }
  });

  it('follows the address after reading it: the split kept for an href is not reused for another', () => {
    history.replaceState(null, '', '/first?a=1');
    expect(pageInfo()).toMatchObject({ path: '/first', search: '?a=1' });
    expect(pageInfo()).toMatchObject({ path: '/first', search: '?a=1' });
    history.pushState(null, '', '/second');
    expect(pageInfo()).toMatchObject({ path: '/second', search: '', url: location.href });
    document.title = 'Renamed';
    // Title and referrer are read each time: a page may rename itself without navigating.
    expect(pageInfo().title).toBe('Renamed');
    // Each call returns its own object: an event's middleware changing it touches no other event.
    expect(pageInfo()).not.toBe(pageInfo());
  });

  it('agrees with location for any path, query and fragment', () => {
    const part = fc.stringMatching(/^[a-zA-Z0-9/?#=&%._~-]*$/);
    fc.assert(
      fc.property(part, (tail) => {
        history.replaceState(null, '', `/p/${tail.replace(/%(?![0-9a-fA-F]{2})/g, '%25')}`);
        const info = pageInfo();
        expect([info.path, info.search, info.url]).toEqual([
          location.pathname,
          location.search,
          location.href,
        ]);
      }),
    );
  });
});
