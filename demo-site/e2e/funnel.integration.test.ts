/**
 * The storefront in Debian's Chromium against the real gateway and the real Kafka broker: a
 * visitor accepts cookies, signs in, searches, opens a stay, reserves and pays. Every page view,
 * track, click and identify must arrive on Kafka once, with the page's context and, per user key,
 * in the order they happened. Screenshots of each page go to test-results/storefront/.
 */

import { DEFAULT_TOPIC_NAMES as TOPICS } from '@inlet/schemas';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { chromiumPath } from '@inlet/sdk-web/testing/chromium';
import { describe, expect, it } from 'vitest';
import {
  type Arrived,
  anonymousId,
  arrivedFor,
  newVisitor,
  pending,
  screenshot,
  sdkReady,
  useShopSession,
} from './harness';

const brokers = kafkaBrokers();
const executablePath = brokers ? chromiumPath() : undefined;

const FUNNEL = [
  'Signed In',
  'Products Searched',
  'Product Viewed',
  'Product Added',
  'Checkout Started',
  'Order Completed',
];

describe.skipIf(!brokers || !executablePath)('storefront → gateway → Kafka in Chromium', () => {
  const session = useShopSession(
    () => defined(brokers, 'brokers'),
    () => defined(executablePath, 'Chromium'),
  );

  it('walks the booking funnel: page, track, click and identify arrive once, with context, in order', async () => {
    const { context, tab } = await newVisitor(session.browser);
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`${session.shop.origin}/`);
    await sdkReady(tab);
    const anon = await anonymousId(tab);
    await screenshot(tab, '1-home-consent', false);
    await tab.click('#cookie-accept');
    await screenshot(tab, '1-home');

    await tab.click('#account-link');
    await tab.fill('#signin-email', 'ada@example.com');
    await tab.fill('#signin-name', 'Ada Lovelace');
    await tab.click('#signin');
    await tab.waitForSelector('#signout');
    await screenshot(tab, '6-account-signed-in');

    await tab.click('.brand');
    await tab.fill('#search', 'Lisbon');
    await tab.click('#search-submit');
    await tab.waitForSelector('.product-card');
    await screenshot(tab, '2-results');
    const chosen = defined(await tab.getAttribute('.product-card', 'data-product-id'), 'a stay');
    await tab.click('.product-card');
    await tab.waitForSelector('#add-to-cart');
    await screenshot(tab, '3-property');
    await tab.click('#add-to-cart');
    await tab.waitForSelector('#checkout-form');
    await tab.fill('#card', '4242 4242 4242 4242');
    await tab.fill('#expiry', '12/29');
    await tab.fill('#cvc', '123');
    await screenshot(tab, '4-checkout');
    await tab.click('#pay');
    await tab.waitForSelector('#order-id');
    await screenshot(tab, '5-confirmation');
    await tab.click('text=See your trips');
    await tab.waitForSelector('.trip');
    await screenshot(tab, '6-account-trips');
    await tab.click('#debug-toggle');
    await expect.poll(() => pending(tab), { timeout: 20_000 }).toBe(0);
    // The drawer shows the same: nothing pending, a delivery made.
    await tab.waitForFunction(() => document.querySelector('[data-k=pending]')?.textContent === '0');
    expect(await tab.textContent('[data-k=last]')).toMatch(/delivered/);
    await screenshot(tab, '7-debug-drawer', false);
    const userId = await tab.evaluate(
      () => (window as unknown as { inlet: { user(): { userId?: string } } }).inlet.user().userId,
    );
    expect(userId).toMatch(/^u-/);

    const expectedPaths = [
      '/',
      '/account',
      '/',
      '/search',
      `/property/${chosen}`,
      '/checkout',
      '/checkout/done',
      '/account',
    ];
    const arrived = async () => arrivedFor(defined(brokers, 'brokers'), [anon]);
    await expect
      .poll(async () => (await arrived()).filter((a) => a.type === 'page').length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(expectedPaths.length);
    const all = await arrived();

    // Once each, on the right topic.
    expect(new Set(all.map((a) => a.messageId)).size).toBe(all.length);
    expect(all.filter((a) => a.topic === TOPICS.deadLetter)).toEqual([]);
    expect(all.filter((a) => a.type === 'click').every((a) => a.topic === TOPICS.clickstream)).toBe(true);
    expect(errors).toEqual([]);

    // Page views, in the order visited (one key from sign-in on, so one partition).
    const pages = all.filter((a) => a.type === 'page');
    expect(pages.map((a) => a.event.context?.page?.path).sort()).toEqual([...expectedPaths].sort());
    // Tracks: the funnel, with the stay's fields.
    const tracks = all.filter((a) => a.type === 'track');
    expect(tracks.map((a) => a.event.event).sort()).toEqual([...FUNNEL].sort());
    const named = (name: string) =>
      defined(
        tracks.find((a) => a.event.event === name),
        name,
      ).event;
    expect(named('Products Searched').properties).toMatchObject({ query: 'Lisbon', guests: 2, nights: 3 });
    expect(named('Product Viewed').properties).toMatchObject({
      product_id: chosen,
      property_id: chosen,
      currency: 'EUR',
      city: 'Lisbon',
      nights: 3,
      guests: 2,
      price: expect.any(Number),
    });
    expect(named('Order Completed').properties).toMatchObject({
      property_id: chosen,
      currency: 'EUR',
      revenue: expect.any(Number),
      order_id: expect.stringMatching(/^CL-/),
    });
    // Identify on sign-in, with the traits.
    const identify = all.filter((a) => a.type === 'identify');
    expect(identify.map((a) => [a.event.userId, a.event.traits?.email])).toEqual([
      [userId, 'ada@example.com'],
    ]);
    // Clicks on what the visitor pressed.
    const clicked = all.filter((a) => a.type === 'click').map((a) => a.event.element?.id);
    expect(clicked).toEqual(
      expect.arrayContaining(['cookie-accept', 'signin', 'search-submit', 'add-to-cart', 'pay']),
    );

    // Context of every event: the shop's page, Chromium's user agent, the script-tag SDK.
    for (const a of all) {
      expect(a.event.context?.page?.url?.startsWith(`${session.shop.origin}/`), a.messageId).toBe(true);
      expect(a.event.context?.userAgent).toMatch(/Chrome/);
      expect(a.event.context?.library?.name).toBe('@inlet/sdk-web');
    }

    // Per user key, Kafka's order (one partition per key) is the order the events happened.
    const byKey = new Map<string, Arrived[]>();
    for (const a of all.filter((x) => x.topic === TOPICS.appEvents)) {
      byKey.set(a.key ?? '', [...(byKey.get(a.key ?? '') ?? []), a]);
    }
    const userEvents = defined(byKey.get(defined(userId, 'userId')), 'events keyed by the user');
    const inKafkaOrder = [...userEvents].sort((a, b) => (a.offset < b.offset ? -1 : 1));
    const times = inKafkaOrder.map((a) => Date.parse(String(a.event.timestamp)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(inKafkaOrder.filter((a) => a.type === 'track').map((a) => a.event.event)).toEqual(FUNNEL);

    // An uncaught error in the shop arrives as a log event on the app logs topic.
    await tab.evaluate(() => {
      setTimeout(() => {
        throw new TypeError('storefront e2e: price widget failed');
      });
    });
    await expect
      .poll(async () => (await arrived()).filter((a) => a.topic === TOPICS.appLogs), { timeout: 30_000 })
      .toEqual([
        expect.objectContaining({
          type: 'log',
          event: expect.objectContaining({
            level: 'error',
            message: expect.stringContaining('price widget failed'),
          }),
        }),
      ]);
    await context.close();
  });
});
