/** The page frame: header with navigation and the signed-in user, the view, the footer. */

import { currentUser } from './account-store';
import { html, mount } from './html';

export interface Frame {
  readonly view: HTMLElement;
  readonly consent: HTMLElement;
  readonly debug: HTMLElement;
  /** Redraws the header (after sign-in or sign-out) and marks the active link. */
  refresh(pathname: string): void;
}

export function mountFrame(root: HTMLElement): Frame {
  mount(
    root,
    html`<header class="site-header"><div class="wrap header-row"></div></header>
      <main id="view" class="site-main"></main>
      <footer class="site-footer"><div class="wrap footer-row">
        <div><strong class="brand-mark">Coastline</strong><p class="muted">Hand-picked stays and flights across Europe. A demo shop instrumented with Inlet.</p></div>
        <nav class="footer-links" aria-label="Footer">
          <a href="/search?q=">All stays</a><a href="/account">Your trips</a>
          <a href="/pipeline" target="_blank" rel="noopener">Pipeline console</a>
          <button id="privacy-settings" class="link-button" type="button">Privacy settings</button>
        </nav>
      </div></footer>
      <div id="consent-host"></div>
      <div id="debug-host"></div>`,
  );
  const header = root.querySelector('.header-row') as HTMLElement;
  const refresh = (pathname: string) => {
    const user = currentUser();
    const active = (prefix: string) =>
      pathname === prefix || (prefix !== '/' && pathname.startsWith(prefix)) ? 'active' : '';
    mount(
      header,
      html`<a class="brand" href="/"><span class="logo" aria-hidden="true"></span>Coastline</a>
        <nav class="main-nav" aria-label="Main">
          <a class="nav-link ${active('/')}" href="/">Stays</a>
          <a class="nav-link ${active('/search')}" href="/search?q=">Deals</a>
          <a class="nav-link" href="/#flights">Flights</a>
        </nav>
        <a id="account-link" class="account-link ${active('/account')}" href="/account">
          <span class="avatar" aria-hidden="true">${user ? user.name.slice(0, 1).toUpperCase() : '☺'}</span>
          ${user ? user.name.split(' ')[0] : 'Sign in'}
        </a>`,
    );
  };
  return {
    view: root.querySelector('#view') as HTMLElement,
    consent: root.querySelector('#consent-host') as HTMLElement,
    debug: root.querySelector('#debug-host') as HTMLElement,
    refresh,
  };
}
