/**
 * The storefront's HTTP routes, a Hono sub-app the demo server mounts last: the page (with its
 * write key, endpoint and inline snippet filled in) on `/` and every history route, the SDK's
 * script-tag build on `/inlet.js`, the service worker on `/sw.js`, and the rest of the Vite
 * build as static files.
 */

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { errorMessage } from '@inlet/schemas';
import { Hono } from 'hono';
import { SDK_WEB_DIR } from '../build';
import { renderPage } from './render-page';
import { SERVICE_WORKER } from './service-worker';

export { PLACEHOLDERS, renderPage } from './render-page';

export interface StorefrontRoutesOptions {
  /** The Vite build folder (`ensureDemoBuilt().distDir`). */
  distDir: string;
  /** The write key the page's script tag carries. */
  writeKey: string;
  /** The gateway's base URL the SDK sends to (`http://127.0.0.1:8787`). */
  endpoint: string;
  /** Folder holding sdk-web's `dist/inlet.js` and `dist/snippet.min.js`. Default: the sdk-web package. */
  sdkDir?: string;
}

/** Paths the client-side router owns: each is the same page. */
export const HISTORY_ROUTES = [
  '/',
  '/index.html',
  '/search',
  '/property/*',
  '/checkout',
  '/checkout/*',
  '/account',
];

function readOrExplain(path: string, what: string, fix: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = errorMessage(error);
    throw new Error(`storefront: cannot read ${what} (${reason}); ${fix}`, { cause: error });
  }
}

/**
 * Reads the built files at creation, so a missing build fails here, at start, and not on the first
 * visitor; the page is read again when a rebuild replaced it (its asset names changed).
 */
export function storefrontRoutes(options: StorefrontRoutesOptions): Hono {
  const sdkDir = options.sdkDir ?? SDK_WEB_DIR;
  const buildSdk = 'run `npm run build -w @inlet/sdk-web`';
  const pagePath = join(options.distDir, 'index.html');
  const values = {
    writeKey: options.writeKey,
    endpoint: options.endpoint,
    snippet: readOrExplain(join(sdkDir, 'dist/snippet.min.js'), 'the SDK snippet', buildSdk).trim(),
  };
  const pageMtime = () => statSync(pagePath, { throwIfNoEntry: false })?.mtimeMs;
  const load = () => ({
    mtimeMs: pageMtime() ?? 0,
    html: renderPage(
      readOrExplain(pagePath, 'the built page', 'run `npm run build -w @inlet/demo-site`'),
      values,
    ),
  });
  let page = load();
  const currentPage = () => {
    const mtimeMs = pageMtime();
    if (mtimeMs !== undefined && mtimeMs !== page.mtimeMs) {
      try {
        page = load();
      } catch {
        // Mid-swap or a broken rebuild: the last good page is better than none.
      }
    }
    return page.html;
  };
  const sdk = readOrExplain(join(sdkDir, 'dist/inlet.js'), 'the SDK script', buildSdk);

  const app = new Hono();
  // Config lives in the page, so it must not outlive a restart with another key or endpoint.
  for (const path of HISTORY_ROUTES) {
    app.get(path, (c) => c.html(currentPage(), 200, { 'cache-control': 'no-cache' }));
  }
  app.get('/inlet.js', (c) =>
    c.body(sdk, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }),
  );
  app.get('/sw.js', (c) =>
    c.body(SERVICE_WORKER, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  );
  // Hashed file names: cached for good.
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root: options.distDir }));
  return app;
}
