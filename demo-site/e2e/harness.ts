/**
 * What the storefront's real-browser tests share: the storefront served by its real sub-app, a
 * real gateway writing to the real Kafka broker of the integration setup, Debian's Chromium, and
 * reading back what arrived on Kafka for one visitor.
 */

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { parseResolvedConfig, type RunningGateway, startGateway } from '@inlet/gateway';
import { errorMessage, DEFAULT_TOPIC_NAMES as TOPICS } from '@inlet/schemas';
import { CHROMIUM_ARGS } from '@inlet/sdk-web/testing/chromium';
import {
  createKafkaReader,
  isTopicNotFoundError,
  type KafkaReader,
  type StoredRecord,
  valueText,
} from '@inlet/streams';
import type { Hono } from 'hono';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureDemoBuilt } from '../server/build';
import { storefrontRoutes } from '../server/storefront';

export const WRITE_KEY = 'wk_storefront_e2e';
/** Screenshots go to the repository's git-ignored `test-results/`. */
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/storefront/', import.meta.url));

export interface Storefront {
  /** The shop's origin, `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly gateway: RunningGateway;
  close(): Promise<void>;
}

/**
 * The storefront on a port of its own and a gateway (Kafka sink, dedup off, so a duplicate sent
 * by the SDK would show) that allows the shop's origin by CORS. The shop listens first: its origin
 * goes into the gateway's config, and the gateway's URL into the shop's page.
 */
export async function startStorefront(brokers: readonly string[]): Promise<Storefront> {
  const { distDir } = await ensureDemoBuilt();
  let routes: Hono | undefined;
  const server = serve({
    fetch: (request) => routes?.fetch(request) ?? new Response('starting', { status: 503 }),
    hostname: '127.0.0.1',
    port: 0,
  }) as Server;
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { gateway, close } = await startGatewayFor(brokers, origin);
  routes = storefrontRoutes({ distDir, writeKey: WRITE_KEY, endpoint: gateway.url });
  return {
    origin,
    gateway,
    async close() {
      await close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** A gateway on a free port writing to Kafka, allowing `origin` by CORS; `close` also removes its data. */
export async function startGatewayFor(
  brokers: readonly string[],
  origin: string,
): Promise<{ gateway: RunningGateway; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'inlet-storefront-e2e-'));
  const config = parseResolvedConfig(
    JSON.stringify({
      sink: 'kafka',
      brokers,
      host: '127.0.0.1',
      port: 0,
      dataDir,
      logLevel: 'silent',
      dedupWindowMs: 0,
      writeKeys: [
        {
          key: WRITE_KEY,
          source: 'storefront-e2e',
          allowedOrigins: [origin],
          rateLimit: { perSecond: 1_000, burst: 1_000 },
        },
      ],
    }),
  );
  const gateway = await startGateway(config);
  return {
    gateway,
    async close() {
      await gateway.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
}

/** A storefront and a browser shared by the tests of one `describe`. */
export interface ShopSession {
  readonly shop: Storefront;
  readonly browser: Browser;
}

/**
 * Starts a storefront (on `brokers`) and Chromium before the tests of the calling `describe` and
 * closes both after them; the session's fields are readable once they have started.
 */
export function useShopSession(brokers: () => readonly string[], executablePath: () => string): ShopSession {
  let shop: Storefront | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    shop = await startStorefront(brokers());
    browser = await launchBrowser(executablePath());
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });
  const started = <T>(part: T | undefined, name: string): T => {
    if (part === undefined) throw new Error(`the ${name} has not started: see the beforeAll error above`);
    return part;
  };
  return {
    get shop() {
      return started(shop, 'storefront');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}

/** A fresh visitor: a context of its own (own IndexedDB, localStorage, service worker). */
export async function newVisitor(browser: Browser): Promise<{ context: BrowserContext; tab: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
  return { context, tab: await context.newPage() };
}

/** Resolves once `/inlet.js` has replaced the snippet's stub. */
export const sdkReady = (tab: Page) =>
  tab.waitForFunction(() => {
    const sdk = (window as { inlet?: { _q?: unknown; stats?: unknown } }).inlet;
    return sdk !== undefined && !('_q' in sdk) && typeof sdk.stats === 'function';
  });

/** The part of the page's `window.inlet` the tests read (cast inside each `evaluate`). */
export interface PageSdk {
  stats(): { generated: number; acknowledged: number; rejected: number; dropped: Record<string, number> };
  user(): { anonymousId: string; userId?: string };
  track(event: string, properties?: Record<string, unknown>): string | undefined;
  flush(): Promise<void>;
  isOptedOut(): boolean;
}
export interface WithSdk {
  inlet: PageSdk;
}

/**
 * Events this page generated that are not settled yet (queued, in flight or waiting to retry).
 * The counters restart with each load: after a reload, events of the previous page are not in it.
 */
export const pending = (tab: Page): Promise<number> =>
  tab.evaluate(() => {
    const s = (window as unknown as WithSdk).inlet.stats();
    const dropped = Object.values(s.dropped).reduce((a, b) => a + b, 0);
    return s.generated - s.acknowledged - s.rejected - dropped;
  });

export const anonymousId = (tab: Page): Promise<string> =>
  tab.evaluate(() => (window as unknown as WithSdk).inlet.user().anonymousId);

/** A record of a visitor's event as Kafka holds it, with the event's value parsed. */
export interface Arrived {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly key: string | null;
  readonly messageId: string;
  readonly type: string;
  readonly event: Record<string, unknown> & {
    event?: string;
    userId?: string;
    properties?: Record<string, unknown>;
    traits?: Record<string, unknown>;
    element?: { id?: string; tag?: string };
    context?: {
      page?: { path?: string; url?: string; title?: string };
      userAgent?: string;
      library?: { name?: string; version?: string };
    };
  };
}

const EVENT_TOPICS = [TOPICS.appEvents, TOPICS.clickstream, TOPICS.appLogs, TOPICS.deadLetter];

/** Every record on the event topics whose anonymousId is one of `ids`, in topic then offset order. */
export async function arrivedFor(brokers: readonly string[], ids: readonly string[]): Promise<Arrived[]> {
  const reader = createKafkaReader({ brokers: [...brokers], logLevel: 'silent' });
  const found: Arrived[] = [];
  const needles = ids.map((id) => `"anonymousId":"${id}"`);
  for (const topic of EVENT_TOPICS) found.push(...(await readMatching(reader, topic, needles)));
  return found;
}

/**
 * One topic's matching records. kafkajs sometimes refuses the reader's first seek ("Consumer group
 * was not initialized") when a read starts right after another: such a read is tried again.
 */
async function readMatching(
  reader: KafkaReader,
  topic: string,
  needles: readonly string[],
): Promise<Arrived[]> {
  for (let attempt = 1; ; attempt++) {
    const found: Arrived[] = [];
    try {
      for await (const record of reader.readTopic(topic)) found.push(...match(record, needles));
      return found;
    } catch (error) {
      if (isTopicNotFoundError(error)) return [];
      if (attempt >= 3 || !/not initialized/.test(errorMessage(error))) throw error;
    }
  }
}

function match(record: StoredRecord, needles: readonly string[]): Arrived[] {
  const text = valueText(record) ?? '';
  if (!needles.some((n) => text.includes(n))) return [];
  return [
    {
      topic: record.topic,
      partition: record.partition,
      offset: BigInt(record.offset),
      key: record.key,
      messageId: record.headers['message-id'] ?? '',
      type: record.headers['event-type'] ?? '',
      event: JSON.parse(text) as Arrived['event'],
    },
  ];
}

/** `fullPage: false` keeps fixed elements (the consent banner, the drawer) where a visitor sees them. */
export async function screenshot(tab: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await tab.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}
