/**
 * The pipeline console in Debian's Chromium against the real parts: the real gateway writes to the
 * real Kafka broker (or to its local durable log), the demo server tails every topic, and the page
 * must show what was posted within seconds, escaped, with its Kafka metadata; filters live in the
 * URL; Live/Pause counts what arrived while paused; the dead letter is grouped by reason.
 * Screenshots go to test-results/console/.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseResolvedConfig, type RunningGateway, startGateway } from '@inlet/gateway';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { chromiumPath } from '@inlet/sdk-web/testing/chromium';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoConfig, TopicSourceConfig } from '../server/config';
import { type DemoServer, startDemoServer } from '../server/main';
import { launchBrowser } from './harness';

const SHOTS = fileURLToPath(new URL('../../test-results/console/', import.meta.url));
const WRITE_KEY = 'wk_console_e2e';
const brokers = kafkaBrokers();
const executablePath = chromiumPath();

interface Pipeline {
  readonly gateway: RunningGateway;
  readonly demo: DemoServer;
  close(): Promise<void>;
}

async function startPipeline(mode: 'kafka' | 'local'): Promise<Pipeline> {
  const root = await mkdtemp(join(tmpdir(), `inlet-console-${mode}-`));
  const gateway = await startGateway(
    parseResolvedConfig(
      JSON.stringify({
        ...(mode === 'kafka' ? { sink: 'kafka', brokers } : { sink: 'local' }),
        host: '127.0.0.1',
        port: 0,
        dataDir: join(root, 'gateway'),
        logLevel: 'silent',
        writeKeys: [{ key: WRITE_KEY, source: 'console-e2e' }],
      }),
    ),
  );
  const source: TopicSourceConfig =
    mode === 'kafka'
      ? { kind: 'kafka', brokers: defined(brokers, 'brokers') }
      : { kind: 'local', dataDir: root };
  const config: DemoConfig = {
    port: 0,
    host: '127.0.0.1',
    gatewayUrl: gateway.url,
    writeKey: WRITE_KEY,
    source,
    logLevel: 'silent',
  };
  const demo = await startDemoServer(config, { logger: pino({ level: 'silent' }) });
  // Ready once the topics can be read (Kafka: the tail's consumer runs).
  for (let i = 0; (await fetch(`${demo.url}/readyz`)).status !== 200; i++) {
    if (i > 300) throw new Error(`the demo server at ${demo.url} did not get ready in 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    gateway,
    demo,
    async close() {
      await demo.close();
      await gateway.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function post(
  gatewayUrl: string,
  batch: unknown[],
): Promise<{ accepted: number; rejected?: unknown[] }> {
  const res = await fetch(`${gatewayUrl}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-write-key': WRITE_KEY },
    body: JSON.stringify({ batch }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { accepted: number; rejected?: unknown[] };
}

const rowsWith = (page: Page, text: string) => page.locator('#event-list .row', { hasText: text });

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A pipeline in `mode` for the tests of the calling `describe`: started before them, closed after. */
function usePipeline(mode: 'kafka' | 'local'): () => Pipeline {
  let pipeline: Pipeline | undefined;
  beforeAll(async () => {
    pipeline = await startPipeline(mode);
  });
  afterAll(async () => {
    await pipeline?.close();
  });
  return () => {
    if (pipeline === undefined)
      throw new Error(`the ${mode} pipeline has not started: see the beforeAll error above`);
    return pipeline;
  };
}

/** The console of `pipeline` (with `query`) in a new page, once it says it is live. */
async function openConsole(
  browser: Browser,
  pipeline: Pipeline,
  query = '',
  viewport = { width: 1440, height: 1400 },
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${pipeline.demo.url}/pipeline${query}`);
  await expect.poll(() => page.locator('#connection').textContent(), { timeout: 15_000 }).toBe('Live');
  return page;
}

describe.skipIf(!executablePath)('pipeline console in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(defined(executablePath));
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.skipIf(!brokers)('on the real Kafka broker', () => {
    const pipeline = usePipeline('kafka');

    it('shows posted events live, escaped, with their Kafka metadata, and groups the dead letter', async () => {
      const page = await openConsole(browser, pipeline());

      const run = randomUUID().slice(0, 8);
      const name = `Console Check ${run}`;
      const hostile = '<img src=x onerror="window.__pwned=1">';
      const result = await post(pipeline().gateway.url, [
        { type: 'track', event: name, anonymousId: `anon-${run}`, properties: { note: hostile } },
        { type: 'page', name: `Home ${run}`, anonymousId: `anon-${run}` },
        { type: 'identify', userId: `user-${run}`, anonymousId: `anon-${run}`, traits: { plan: 'pro' } },
        { type: 'track', anonymousId: `anon-${run}` }, // no event name: dead-lettered
      ]);
      expect(result.accepted).toBe(3);

      await expect(rowsWith(page, name).first().waitFor({ timeout: 10_000 })).resolves.toBeUndefined();
      await rowsWith(page, `Home ${run}`).first().waitFor({ timeout: 10_000 });
      await rowsWith(page, `user-${run}`).first().waitFor({ timeout: 10_000 });

      // The record's JSON and its Kafka metadata; the hostile property stays text.
      await rowsWith(page, name).first().click();
      const detail = page.locator('#event-detail');
      await expect
        .poll(() => detail.locator('pre.json').textContent())
        .toContain(hostile.replaceAll('"', '\\"'));
      const meta = (await detail.locator('dl.meta').textContent()) ?? '';
      expect(meta).toMatch(/topic_app_events/);
      expect(meta).toMatch(/partition\d/);
      expect(meta).toMatch(/offset\d+/);
      expect(meta).toContain(`keyanon-${run}`);
      expect(meta).toMatch(/header message-id[0-9a-f-]{36}/);
      expect(await page.locator('#event-detail img, #event-list img').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

      // Dead letter grouped by reason; the gateway's health card read from its /readyz and /metrics.
      await expect
        .poll(() => page.locator('#dead-letters').textContent(), { timeout: 10_000 })
        .toMatch(/invalid_event/);
      await expect
        .poll(() => page.locator('[data-part="gateway"]').textContent(), { timeout: 10_000 })
        .toMatch(/up.*accepted/s);
      await expect
        .poll(() => page.locator('[data-topic="topic_app_events"] .card-total').textContent())
        .not.toBe('0');
      await shot(page, 'console-kafka');
      await page.close();
    });

    it('keeps filters in the URL and counts what arrives while paused', async () => {
      const run = randomUUID().slice(0, 8);
      // A shared link: the filters come from the query.
      const page = await openConsole(browser, pipeline(), `?topic=topic_app_events&q=${run}`, {
        width: 1280,
        height: 1000,
      });
      expect(await page.locator('#filter-topic').inputValue()).toBe('topic_app_events');
      expect(await page.locator('#filter-text').inputValue()).toBe(run);

      await post(pipeline().gateway.url, [
        { type: 'track', event: `First ${run}`, anonymousId: `a-${run}` },
        { type: 'track', event: 'Unrelated', anonymousId: 'someone-else' },
      ]);
      await rowsWith(page, `First ${run}`).waitFor({ timeout: 10_000 });
      expect(await rowsWith(page, 'Unrelated').count()).toBe(0);

      await page.locator('#live-toggle').click();
      await post(pipeline().gateway.url, [
        { type: 'track', event: `Second ${run}`, anonymousId: `a-${run}` },
        { type: 'page', name: `Third ${run}`, anonymousId: `a-${run}` },
      ]);
      await expect
        .poll(() => page.locator('#live-toggle').textContent(), { timeout: 10_000 })
        .toBe('Paused · 2 new — resume');
      expect(await rowsWith(page, `Second ${run}`).count()).toBe(0);
      await page.locator('#live-toggle').click();
      await rowsWith(page, `Second ${run}`).waitFor({ timeout: 5_000 });

      // Narrowing by type is written back into the URL.
      await page.locator('#filter-type').selectOption('page');
      expect(new URL(page.url()).searchParams.get('type')).toBe('page');
      await expect.poll(() => page.locator('#event-list .row').count()).toBe(1);
      await page.close();
    });
  });

  describe('on the local durable logs (no Kafka)', () => {
    const pipeline = usePipeline('local');

    it('shows what the gateway wrote to its local log', async () => {
      const run = randomUUID().slice(0, 8);
      const page = await openConsole(browser, pipeline());
      expect(await page.locator('#source').textContent()).toMatch(/reading local logs under/);
      await post(pipeline().gateway.url, [
        { type: 'track', event: `Local ${run}`, anonymousId: `a-${run}` },
        { type: 'track', anonymousId: `a-${run}` },
      ]);
      await rowsWith(page, `Local ${run}`).waitFor({ timeout: 10_000 });
      await expect
        .poll(() => page.locator('#dead-letters').textContent(), { timeout: 10_000 })
        .toMatch(/invalid_event/);
      await expect
        .poll(() => page.locator('[data-topic="topic_app_events"] .card-total').textContent(), {
          timeout: 10_000,
        })
        .toBe('1');
      await shot(page, 'console-local');
      await page.close();
    });
  });
});
