/**
 * The browser SDK in a real Chromium: events tracked offline wait in IndexedDB, survive a reload
 * made while still offline (the page comes from its service worker, as a PWA's would), and reach
 * the endpoint exactly once when the network returns. The endpoint is a local fake that records
 * messageIds; a later issue repeats this against the real gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeGateway,
  launchChromium,
  queuedNames,
  sdkReady,
  startFakeGateway,
} from './testing/browser-harness';
import { chromiumPath } from './testing/chromium';

const executablePath = chromiumPath();

describe.skipIf(!executablePath)('offline → reload → online in Chromium', () => {
  let gateway: FakeGateway;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    gateway = await startFakeGateway();
    browser = await launchChromium(executablePath ?? '');
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('delivers every event tracked offline exactly once, across a reload', async () => {
    const { context } = browser;
    const { received } = gateway;
    const tab = context.pages()[0] ?? (await context.newPage());
    const pageViews = () => received.filter((e) => e.type === 'page').length;
    const queued = async () => (await queuedNames(tab)).length;
    const offlineQueued = async () => (await queuedNames(tab)).filter((n) => n.startsWith('offline-')).length;

    await tab.goto(`${gateway.origin}/`);
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
    expect(received.filter((e) => e.event?.startsWith('offline-'))).toEqual([]);

    await context.setOffline(false);
    await expect.poll(queued, { timeout: 30_000 }).toBe(0);

    const names = received.filter((e) => e.event?.startsWith('offline-')).map((e) => e.event);
    expect(names.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `offline-${i}`));
    const ids = received.map((e) => e.messageId);
    expect(new Set(ids).size).toBe(ids.length); // page views included: nothing twice
    expect(pageViews()).toBe(3); // the offline reload's page view too
  });
});
