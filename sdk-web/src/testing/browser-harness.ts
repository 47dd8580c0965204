/**
 * What the real-browser tests share: a local server for the page, the built SDK and a fake
 * `POST /v1/batch` that records messageIds (or the page alone, for a real gateway elsewhere), a
 * Chromium launched from Debian's binary with a fresh profile, and helpers that look into a page.
 */
// biome-ignore lint/correctness/noNodejsModules: test harness runs in Node.
import { mkdtemp, rm } from 'node:fs/promises';
// biome-ignore lint/correctness/noNodejsModules: test harness runs in Node.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// biome-ignore lint/correctness/noNodejsModules: test harness runs in Node.
import { tmpdir } from 'node:os';
// biome-ignore lint/correctness/noNodejsModules: test harness runs in Node.
import { join } from 'node:path';
// biome-ignore lint/correctness/noNodejsModules: test harness runs in Node.
import { gunzipSync } from 'node:zlib';
import type { Stats } from '@inlet/sdk-core';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildBundle } from '../../scripts/bundles';
import { CHROMIUM_ARGS } from './chromium';

export const WRITE_KEY = 'wk_browser_test';

export interface Received {
  readonly messageId: string;
  readonly type: string;
  readonly event?: string;
}

/** Caches the page and the script so a reload works offline; lets `/v1/*` through to the network. */
const SERVICE_WORKER = `
self.addEventListener('install', (e) => e.waitUntil(caches.open('app').then((c) => c.addAll(['/', '/inlet.js'])).then(() => self.skipWaiting())));
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (new URL(e.request.url).pathname.startsWith('/v1/')) return;
  e.respondWith(caches.match(e.request, { ignoreSearch: true }).then((r) => r || fetch(e.request)));
});`;

const html = (snippet: string, attributes: string) => `<!doctype html><html><head><title>inlet test</title>
<script>${snippet}</script>
<script ${attributes} src="/inlet.js" data-write-key="${WRITE_KEY}" data-endpoint="/" data-clicks="false" data-flush-interval="1000" async></script>
</head><body><script>navigator.serviceWorker.register('/sw.js');</script></body></html>`;

export interface FakeGateway {
  readonly origin: string;
  /** Every event acknowledged, in arrival order. */
  readonly received: Received[];
  /** Every batch request answered: its content type (`text/plain` for unload requests) and event count. */
  readonly requests: { readonly contentType: string; readonly events: number }[];
  /** While true, batch requests are held open, unanswered and unrecorded (a send in flight). */
  hold: boolean;
  /** Requests being held right now. */
  held(): number;
  close(): Promise<void>;
}

async function readBatch(req: IncomingMessage): Promise<{ batch: Received[]; writeKey?: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body = Buffer.concat(chunks);
  if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
  return JSON.parse(body.toString('utf8'));
}

/** `attributes` go first in the page's script tag, so they win over its defaults (`data-flush-interval`). */
export async function startFakeGateway(attributes = ''): Promise<FakeGateway> {
  const [iife, snippet] = await Promise.all([buildBundle('iife'), buildBundle('snippet')]);
  const files: Record<string, [string, string]> = {
    '/': ['text/html', html(snippet, attributes)],
    '/inlet.js': ['text/javascript', iife],
    '/sw.js': ['text/javascript', SERVICE_WORKER],
  };
  const held = new Set<ServerResponse>();
  const received: Received[] = [];
  const requests: FakeGateway['requests'] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/v1/batch' && req.method === 'POST') {
      const { batch, writeKey } = await readBatch(req);
      if ((req.headers['x-write-key'] ?? writeKey) !== WRITE_KEY) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"ok":false}');
        return;
      }
      if (gateway.hold) {
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      }
      requests.push({ contentType: req.headers['content-type'] ?? '', events: batch.length });
      received.push(
        ...batch.map(({ messageId, type, event }) => ({ messageId, type, ...(event ? { event } : {}) })),
      );
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, accepted: batch.length, rejected: [] }));
      return;
    }
    const file = files[url.pathname];
    if (!file) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const gateway: FakeGateway = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    requests,
    hold: false,
    held: () => held.size,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return gateway;
}

export interface PageServer {
  readonly origin: string;
  /** The gateway the page sends to; set before the page is loaded (it may start after this server). */
  endpoint: string;
  close(): Promise<void>;
}

const gatewayPage = (
  snippet: string,
  endpoint: string,
  attributes: string,
) => `<!doctype html><html><head><title>inlet test</title>
<script>${snippet}</script>
<script ${attributes} src="/inlet.js" data-write-key="${WRITE_KEY}" data-endpoint="${endpoint}" data-flush-interval="1000" async></script>
</head><body><button id="buy" type="button">Buy now</button><script>navigator.serviceWorker.register('/sw.js');</script></body></html>`;

/**
 * Only the page side (the page, the built SDK, the service worker), for tests against a real
 * gateway on another origin: it starts first, because its origin goes into the gateway's CORS
 * list. `attributes` go first in the script tag, as with `startFakeGateway`; clicks are captured.
 */
export async function startPageServer(attributes = ''): Promise<PageServer> {
  const [iife, snippet] = await Promise.all([buildBundle('iife'), buildBundle('snippet')]);
  const files: Record<string, () => [type: string, body: string]> = {
    // Made per request: the endpoint is set after this server started.
    '/': () => ['text/html', gatewayPage(snippet, pages.endpoint, attributes)],
    '/inlet.js': () => ['text/javascript', iife],
    '/sw.js': () => ['text/javascript', SERVICE_WORKER],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname]?.();
    if (!file) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pages: PageServer = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    endpoint: '',
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return pages;
}

export interface LaunchedChromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a fresh profile in a temporary folder, removed on close. */
export async function launchChromium(executablePath: string): Promise<LaunchedChromium> {
  const profile = await mkdtemp(join(tmpdir(), 'inlet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

declare global {
  interface Window {
    inlet: {
      /** The event's messageId, or undefined when it was not queued. */
      track(name: string, properties?: Record<string, unknown>): string | undefined;
      flush(): Promise<void>;
      stats(): Stats;
      _q?: unknown;
    };
  }
}

/** Resolves once the script has replaced the snippet's stub. */
export const sdkReady = (page: Page) =>
  page.waitForFunction(() => typeof window.inlet === 'object' && !('_q' in window.inlet));

/** One event in the SDK's IndexedDB queue, as read from inside the page. */
export interface QueuedInPage {
  /** `event`, else `type`. */
  readonly name: string;
  readonly messageId: string;
  readonly attempts: number;
  readonly handedOverAt?: number;
}

/** The events in the SDK's IndexedDB queue, oldest first, read from inside the page. */
export function queuedEntries(page: Page): Promise<QueuedInPage[]> {
  return page.evaluate(
    () =>
      new Promise<QueuedInPage[]>((resolve, reject) => {
        const open = indexedDB.open('inlet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('queue')) return resolve([]);
          // Records (array keys) hold JSON arrays of entries; key 0 is the store's generation.
          const all = db.transaction('queue').objectStore('queue').getAll(IDBKeyRange.lowerBound([]));
          all.onsuccess = () => {
            db.close();
            type Stored = {
              id: string;
              attempts: number;
              handedOverAt?: number;
              event: { event?: string; type: string };
            };
            resolve(
              (all.result as string[])
                .flatMap((json) => JSON.parse(json) as Stored[])
                .map((e) => ({
                  name: e.event.event ?? e.event.type,
                  messageId: e.id,
                  attempts: e.attempts,
                  ...(e.handedOverAt === undefined ? {} : { handedOverAt: e.handedOverAt }),
                })),
            );
          };
        };
      }),
  );
}

/** Names (`event`, else `type`) of the events in the SDK's IndexedDB queue, read from inside the page. */
export async function queuedNames(page: Page): Promise<string[]> {
  return (await queuedEntries(page)).map((e) => e.name);
}

/**
 * Hides the page as a tab switch does, for the SDK: `document.hidden` becomes true and
 * `visibilitychange` fires. (Headless Chromium has no other tab to switch to; the page lives on.)
 */
export const hidePage = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });

/** Closes the tab for real (pagehide fires, nothing waits for timers) and waits until it is gone. */
export async function closeTab(page: Page): Promise<void> {
  // With runBeforeUnload, close() returns before the tab is gone.
  const closed = new Promise((resolve) => page.once('close', resolve));
  await page.close({ runBeforeUnload: true });
  await closed;
}

export interface ChromiumAndFakeGateway {
  readonly gateway: FakeGateway;
  readonly browser: LaunchedChromium;
}

/**
 * Inside a `describe`: a fake gateway (its page script tag gets `attributes`) and a Chromium
 * started before its tests and closed after them.
 */
export function useChromiumAndFakeGateway(
  executablePath: string | undefined,
  attributes = '',
): ChromiumAndFakeGateway {
  let gateway: FakeGateway | undefined;
  let browser: LaunchedChromium | undefined;
  beforeAll(async () => {
    gateway = await startFakeGateway(attributes);
    browser = await launchChromium(executablePath ?? '');
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('Chromium and the fake gateway start in beforeAll');
    return value;
  };
  return {
    get gateway() {
      return started(gateway);
    },
    get browser() {
      return started(browser);
    },
  };
}

/**
 * Loads `origin` in `tab`, lets its service worker take over, then tracks `offline-0`…`offline-6`
 * offline across a reload served by the worker, and goes back online until the queue is empty.
 * `pageViews` counts the page views the endpoint stored; `whileOffline` checks before going online.
 */
export async function trackOfflineAcrossReload(
  tab: Page,
  origin: string,
  pageViews: () => number | Promise<number>,
  whileOffline: () => void | Promise<void> = () => {},
): Promise<void> {
  const context = tab.context();
  const queued = async () => (await queuedNames(tab)).length;
  const offlineQueued = async () => (await queuedNames(tab)).filter((n) => n.startsWith('offline-')).length;

  await tab.goto(`${origin}/`);
  await sdkReady(tab);
  await tab.evaluate(() => navigator.serviceWorker.ready);
  // Settle before reloading: a send cut off by a reload may be repeated (at least once).
  await expect.poll(pageViews, { timeout: 15_000 }).toBe(1);
  await expect.poll(queued, { timeout: 15_000 }).toBe(0);
  await tab.reload(); // now the service worker controls the page and can serve it offline
  await sdkReady(tab);
  expect(await tab.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect.poll(pageViews, { timeout: 15_000 }).toBe(2);
  await expect.poll(queued, { timeout: 15_000 }).toBe(0);

  await context.setOffline(true);
  await tab.evaluate(() => {
    for (let i = 0; i < 5; i++) window.inlet.track(`offline-${i}`, { i });
  });
  await expect.poll(offlineQueued, { timeout: 15_000 }).toBe(5);
  await tab.reload(); // still offline: served by the service worker
  await sdkReady(tab);
  expect(await tab.evaluate(() => navigator.onLine)).toBe(false);
  await tab.evaluate(() => {
    for (let i = 5; i < 7; i++) window.inlet.track(`offline-${i}`, { i });
  });
  await expect.poll(offlineQueued, { timeout: 15_000 }).toBe(7);
  await whileOffline();

  await context.setOffline(false);
  await expect.poll(queued, { timeout: 30_000 }).toBe(0);
}
