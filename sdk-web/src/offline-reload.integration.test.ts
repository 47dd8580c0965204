/**
 * The browser SDK in a real Chromium: events tracked offline wait in IndexedDB, survive a reload
 * made while still offline (the page comes from its service worker, as a PWA's would), and reach
 * the endpoint exactly once when the network returns. The endpoint is a local fake that records
 * messageIds; a later issue repeats this against the real gateway.
 */
import { describe, expect, it } from 'vitest';
import { trackOfflineAcrossReload, useChromiumAndFakeGateway } from './testing/browser-harness';
import { chromiumPath } from './testing/chromium';

const executablePath = chromiumPath();

describe.skipIf(!executablePath)('offline → reload → online in Chromium', () => {
  const suite = useChromiumAndFakeGateway(executablePath);

  it('delivers every event tracked offline exactly once, across a reload', async () => {
    const { context } = suite.browser;
    const { received, origin } = suite.gateway;
    const tab = context.pages()[0] ?? (await context.newPage());
    const pageViews = () => received.filter((e) => e.type === 'page').length;

    await trackOfflineAcrossReload(tab, origin, pageViews, () => {
      expect(received.filter((e) => e.event?.startsWith('offline-'))).toEqual([]);
    });

    const names = received.filter((e) => e.event?.startsWith('offline-')).map((e) => e.event);
    expect(names.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `offline-${i}`));
    const ids = received.map((e) => e.messageId);
    expect(new Set(ids).size).toBe(ids.length); // page views included: nothing twice
    expect(pageViews()).toBe(3); // the offline reload's page view too
  });
});
