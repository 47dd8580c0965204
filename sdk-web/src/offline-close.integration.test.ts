/**
 * The browser SDK in a real Chromium: events tracked offline and followed AT ONCE by closing the tab
 * (no time for any timer) are in IndexedDB, and a later tab of the origin delivers them, once each.
 * While offline the unload flush sends nothing, so only the store's own write keeps them.
 */
import { describe, expect, it } from 'vitest';
import { sdkReady, useChromiumAndFakeGateway } from './testing/browser-harness';
import { chromiumPath } from './testing/chromium';

const executablePath = chromiumPath();

describe.skipIf(!executablePath)('offline, then the tab closed at once, in Chromium', () => {
  const suite = useChromiumAndFakeGateway(executablePath);

  it('keeps every event tracked just before the close, and a later tab sends each once', async () => {
    const { context } = suite.browser;
    const { received, origin } = suite.gateway;
    const first = await context.newPage();
    await first.goto(`${origin}/`);
    await sdkReady(first);
    await expect.poll(() => received.filter((e) => e.type === 'page').length, { timeout: 15_000 }).toBe(1);

    await context.setOffline(true);
    await first.evaluate(() => {
      for (let i = 0; i < 5; i++) window.inlet.track(`closing-${i}`, { i });
    });
    // With runBeforeUnload, close() returns before the tab is gone: going online meanwhile raced
    // with the closing tab ("Target page, context or browser has been closed" in 2 of ~10 runs).
    const closed = new Promise((resolve) => first.once('close', resolve));
    await first.close({ runBeforeUnload: true }); // pagehide fires; nothing waits for timers
    await closed;

    await context.setOffline(false);
    const second = await context.newPage();
    await second.goto(`${origin}/`);
    await sdkReady(second);
    const closing = () => received.filter((e) => e.event?.startsWith('closing-')).map((e) => e.event);
    await expect.poll(() => closing().length, { timeout: 30_000 }).toBe(5);
    expect(closing().sort()).toEqual(Array.from({ length: 5 }, (_, i) => `closing-${i}`));
    const ids = received.map((e) => e.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
