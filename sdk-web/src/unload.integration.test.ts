/**
 * Unload delivery in a real Chromium, whose keepalive requests may carry 64 KB in flight in
 * total: a pagehide with about 330 KB queued (events of about 1.1 KB with their context) sends
 * what the browser takes at once, and what it refuses stays queued and goes later. Every event
 * arrives, none twice, and the queue empties only on the answers.
 */
import { describe, expect, it } from 'vitest';
import { queuedNames, sdkReady, useChromiumAndFakeGateway } from './testing/browser-harness';
import { chromiumPath } from './testing/chromium';

const executablePath = chromiumPath();
const EVENTS = 300;

describe.skipIf(!executablePath)('unload flush in Chromium', () => {
  // Nothing leaves before the unload: no count trigger, no timer within the test, and 330 KB
  // stays under maxBatchBytes.
  const suite = useChromiumAndFakeGateway(
    executablePath,
    'data-flush-at="10000" data-flush-interval="600000"',
  );

  it('sends the whole queue by keepalive fetch, and later what the browser refused, each event once', async () => {
    const tab = suite.browser.context.pages()[0] ?? (await suite.browser.context.newPage());
    await tab.goto(`${suite.gateway.origin}/`);
    await sdkReady(tab);
    await tab.evaluate((n) => {
      for (let i = 0; i < n; i++) window.inlet.track(`big-${i}`, { pad: 'x'.repeat(500) });
    }, EVENTS);
    await expect.poll(async () => (await queuedNames(tab)).length, { timeout: 15_000 }).toBe(EVENTS + 1);
    expect(suite.gateway.requests).toEqual([]);

    // The page stays alive (as when a tab is only hidden), so the refused part can go later.
    await tab.evaluate(() => dispatchEvent(new Event('pagehide')));
    await expect.poll(() => suite.gateway.received.length, { timeout: 30_000 }).toBe(EVENTS + 1);
    await expect.poll(async () => (await queuedNames(tab)).length, { timeout: 15_000 }).toBe(0);

    const names = suite.gateway.received.filter((e) => e.event?.startsWith('big-')).map((e) => e.event);
    expect(names.sort()).toEqual(Array.from({ length: EVENTS }, (_, i) => `big-${i}`).sort());
    const ids = suite.gateway.received.map((e) => e.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const unloads = suite.gateway.requests.filter((r) => r.contentType.startsWith('text/plain'));
    expect(unloads.length).toBeGreaterThan(0);
    console.log(
      `unload: ${unloads.length} keepalive requests carried ${unloads.reduce((n, r) => n + r.events, 0)} events; ` +
        `${suite.gateway.requests.length - unloads.length} later requests the rest`,
    );
  });
});
