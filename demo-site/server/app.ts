/**
 * The demo server's Hono app, apart from its node server: health, the pipeline console page and its
 * API, then the storefront (mounted last: it owns `/` and the static files of the build).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { ConsoleHub } from './console/console-hub';
import { consoleRoutes } from './console/console-routes';

export interface Readiness {
  readonly ok: boolean;
  /** Why not, and what to do about it. */
  readonly reason?: string;
}

export interface DemoAppOptions {
  readonly hub: ConsoleHub;
  /** The Vite build folder holding `pipeline.html` and `assets/`. Without it /pipeline answers 503. */
  readonly distDir?: string;
  /** The storefront's routes; without them the build's `assets/` are served here. */
  readonly storefront?: Hono;
  /** What /readyz reports. Default: always ready. */
  readonly ready?: () => Readiness;
}

/** The page's data comes only from this server; event data is rendered as text, never as HTML. */
const CONSOLE_CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function readPage(distDir: string | undefined): string | undefined {
  if (distDir === undefined) return undefined;
  try {
    return readFileSync(join(distDir, 'pipeline.html'), 'utf8');
  } catch {
    return undefined;
  }
}

export function createDemoApp(options: DemoAppOptions): Hono {
  const app = new Hono();
  const page = readPage(options.distDir);
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', (c) => {
    const ready = options.ready?.() ?? { ok: true };
    return c.json(ready, ready.ok ? 200 : 503, { 'cache-control': 'no-store' });
  });
  for (const path of ['/pipeline', '/pipeline.html', '/pipeline/']) {
    app.get(path, (c) => {
      if (page === undefined) {
        return c.text(
          'The console page is not built: run `npm run build -w @inlet/demo-site`, then reload.\n',
          503,
        );
      }
      return c.html(page, 200, { 'content-security-policy': CONSOLE_CSP, 'cache-control': 'no-cache' });
    });
  }
  app.route('/', consoleRoutes(options.hub));
  if (options.storefront !== undefined) app.route('/', options.storefront);
  else if (options.distDir !== undefined) app.use('/assets/*', serveStatic({ root: options.distDir }));
  return app;
}
