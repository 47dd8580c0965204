/**
 * The browser SDK against the real gateway, in a real Chromium: the built `inlet.js` on a page of
 * one origin sends to `startGateway` (local sink, in a temporary data directory) on another,
 * which allows the page's origin by CORS. Every event must be stored once, on its topic: tracked
 * events, the automatic page view and a captured click; the queue sent by keepalive fetch when
 * the page hides (`text/plain`, write key in the body); and events tracked offline, kept
 * across a reload and sent when the network returns. The gateway's dedup is off, so a duplicate
 * sent by the SDK would show in the log. Each scenario has its own page origin, hence its own
 * IndexedDB queue.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningGateway } from '@inlet/gateway';
import { DEFAULT_TOPIC_NAMES as TOPICS } from '@inlet/schemas';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  type PageServer,
  queuedNames,
  sdkReady,
  startPageServer,
  trackOfflineAcrossReload,
} from './testing/browser-harness';
import { chromiumPath } from './testing/chromium';
import { startTestGateway, storedFrom } from './testing/real-gateway';

const executablePath = chromiumPath();

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** The gateway's answer to every batch request the page makes. */
function watchBatches(tab: Page): Answer[] {
  const answers: Answer[] = [];
  tab.on('requestfinished', async (request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/v1/batch')) return;
    const response = await request.response();
    answers.push({
      status: response?.status() ?? 0,
      contentType: (await request.headerValue('content-type')) ?? '',
      body: (await response?.text().catch(() => '')) ?? '',
    });
  });
  return answers;
}

const refused = (answers: readonly Answer[]) => answers.filter((a) => a.status < 200 || a.status > 299);

describe.skipIf(!executablePath)('sdk-web → real gateway in Chromium', () => {
  let dataDir: string;
  let gateway: RunningGateway;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const pages: Record<'track' | 'unload' | 'offline', PageServer> = {} as never;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'inlet-sdk-web-gw-'));
    pages.track = await startPageServer();
    // Nothing leaves before the page is hidden: no count trigger and no timer within the test.
    pages.unload = await startPageServer('data-flush-at="10000" data-flush-interval="600000"');
    pages.offline = await startPageServer('data-clicks="false"');
    gateway = await startTestGateway(
      dataDir,
      Object.values(pages).map((p) => p.origin),
      0,
    );
    for (const p of Object.values(pages)) p.endpoint = gateway.url;
    browser = await launchChromium(executablePath ?? '');
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await Promise.all(Object.values(pages).map((p) => p.close()));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stores each tracked event, the page view and a click once, on their topics', async () => {
    const { origin } = pages.track;
    const tab = await browser.context.newPage();
    const answers = watchBatches(tab);
    await tab.goto(`${origin}/`);
    await sdkReady(tab);
    const ids = await tab.evaluate(() =>
      Array.from({ length: 25 }, (_, i) => window.inlet.track(`gw-${i}`, { i })),
    );
    await tab.click('#buy');
    await tab.evaluate(() => window.inlet.flush());
    await expect.poll(async () => (await queuedNames(tab)).length, { timeout: 20_000 }).toBe(0);
    await expect.poll(async () => (await storedFrom(dataDir, origin)).length, { timeout: 20_000 }).toBe(27);

    const stored = await storedFrom(dataDir, origin);
    expect(new Set(stored.map((s) => s.messageId)).size).toBe(stored.length);
    const tracked = stored.filter((s) => s.type === 'track');
    expect(tracked.every((s) => s.topic === TOPICS.appEvents)).toBe(true);
    expect(tracked.map((s) => s.messageId).sort()).toEqual([...ids].sort());
    expect(stored.filter((s) => s.type === 'page').map((s) => s.topic)).toEqual([TOPICS.appEvents]);
    const clicks = stored.filter((s) => s.type === 'click');
    expect(clicks.map((s) => [s.topic, s.value.element?.id])).toEqual([[TOPICS.clickstream, 'buy']]);
    expect(refused(answers)).toEqual([]);
    expect(answers.length).toBeGreaterThan(0);
    await tab.close();
  });

  it('stores the queue sent by keepalive fetch at pagehide (text/plain, no preflight), each event once', async () => {
    const { origin } = pages.unload;
    const tab = await browser.context.newPage();
    const answers = watchBatches(tab);
    await tab.goto(`${origin}/`);
    await sdkReady(tab);
    await tab.evaluate(() => {
      for (let i = 0; i < 30; i++) window.inlet.track(`hidden-${i}`, { i });
    });
    await expect.poll(async () => (await queuedNames(tab)).length, { timeout: 15_000 }).toBe(31);
    expect(answers).toEqual([]);

    await tab.evaluate(() => dispatchEvent(new Event('pagehide')));
    await expect.poll(async () => (await storedFrom(dataDir, origin)).length, { timeout: 20_000 }).toBe(31);
    await expect.poll(async () => (await queuedNames(tab)).length, { timeout: 15_000 }).toBe(0);

    const stored = await storedFrom(dataDir, origin);
    expect(new Set(stored.map((s) => s.messageId)).size).toBe(31);
    expect(stored.filter((s) => s.value.event?.startsWith('hidden-'))).toHaveLength(30);
    expect(stored.every((s) => s.topic === TOPICS.appEvents)).toBe(true);
    // The queue emptied on the gateway's answer, which the page read.
    await expect.poll(() => answers.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(answers.map((a) => a.contentType)).toEqual(['text/plain']);
    expect(refused(answers)).toEqual([]);
    await tab.close();
  });

  it('delivers events tracked offline once, across a reload made while offline', async () => {
    const { origin } = pages.offline;
    const { context } = browser;
    const tab = await context.newPage();
    const answers = watchBatches(tab);
    const stored = () => storedFrom(dataDir, origin);
    const pageViews = async () => (await stored()).filter((s) => s.type === 'page').length;

    await trackOfflineAcrossReload(tab, origin, pageViews);
    await expect.poll(async () => (await stored()).length, { timeout: 15_000 }).toBe(10);

    const all = await stored();
    const names = all.filter((s) => s.value.event?.startsWith('offline-')).map((s) => s.value.event);
    expect(names.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `offline-${i}`));
    expect(new Set(all.map((s) => s.messageId)).size).toBe(all.length); // page views included
    expect(await pageViews()).toBe(3); // the offline reload's page view too
    expect(refused(answers)).toEqual([]);
    await tab.close();
  });
});
