/**
 * The storefront as `npm start` serves it: through the demo server (`startDemoServer`, the
 * storefront mounted beside the pipeline console), a real gateway on the real Kafka broker. A
 * booking made in the shop shows up in the console within seconds. Screenshots go to
 * test-results/storefront/.
 */

import type { RunningGateway } from '@inlet/gateway';
import { freePort } from '@inlet/scripts';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { chromiumPath } from '@inlet/sdk-web/testing/chromium';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../server/main';
import { launchBrowser, newVisitor, screenshot, sdkReady, startGatewayFor, WRITE_KEY } from './harness';

const brokers = kafkaBrokers();
const executablePath = brokers ? chromiumPath() : undefined;

describe.skipIf(!brokers || !executablePath)(
  'storefront through the demo server, seen in the console',
  () => {
    let gateway: RunningGateway;
    let demo: DemoServer;
    let browser: Browser;
    let closeGateway: () => Promise<void>;
    beforeAll(async () => {
      const port = await freePort();
      const started = await startGatewayFor(defined(brokers, 'brokers'), `http://127.0.0.1:${port}`);
      gateway = started.gateway;
      closeGateway = started.close;
      demo = await startDemoServer(
        {
          port,
          host: '127.0.0.1',
          gatewayUrl: gateway.url,
          writeKey: WRITE_KEY,
          source: { kind: 'kafka', brokers: defined(brokers, 'brokers') },
          logLevel: 'silent',
        },
        { logger: pino({ level: 'silent' }) },
      );
      browser = await launchBrowser(defined(executablePath, 'Chromium'));
    });
    afterAll(async () => {
      await browser?.close();
      await demo?.close();
      await closeGateway?.();
    });

    it('a booking made in the shop appears in the pipeline console', async () => {
      const { context, tab } = await newVisitor(browser);
      await tab.goto(`${demo.url}/property/vie-171`);
      await sdkReady(tab);
      await tab.click('#cookie-accept');
      await tab.click('#add-to-cart');
      await tab.fill('#name', 'Grace Hopper');
      await tab.fill('#email', 'grace@example.com');
      await tab.fill('#card', '4242 4242 4242 4242');
      await tab.fill('#expiry', '12/29');
      await tab.fill('#cvc', '123');
      await tab.click('#pay');
      await tab.waitForSelector('#order-id');

      const console = await context.newPage();
      await console.goto(`${demo.url}/pipeline?topic=topic_app_events&q=Order%20Completed`);
      await console.getByText('Order Completed').first().waitFor({ timeout: 30_000 });
      expect(await console.textContent('body')).toContain('Order Completed');
      await screenshot(console, '8-console-after-booking');
      await context.close();
    });
  },
);
