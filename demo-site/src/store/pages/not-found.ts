/** Any URL the shop does not know. */
import { html, mount } from '../html';
import type { Route } from '../router';

export const notFoundRoute: Route = {
  path: '*',
  title: () => 'Page not found · Coastline',
  render(view) {
    mount(
      view,
      html`<section class="wrap empty page-empty"><h1>We couldn't find that page</h1>
        <p>The stay may have been taken off the site. <a href="/">Back to the home page</a>.</p></section>`,
    );
  },
};
