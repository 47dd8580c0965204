/**
 * RudderStack's official Node SDK (`@rudderstack/rudder-sdk-node`), unmodified, sending through its
 * own batching, gzip and axios-retry to a real gateway writing to the real Kafka broker. It labels
 * its gzipped JSON `application/x-www-form-urlencoded` (axios' default for a Buffer): the gateway
 * takes that as JSON, with the same body checks.
 */
import { createRequire } from 'node:module';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import type RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runId } from '../server/testing/integration';
import { type CompatGateway, startCompatGateway, TEST_KEY } from './compat-gateway';
import { startFlakyProxy } from './flaky-proxy';
import { expectLanded, type SdkCall, sdkCalls } from './sdk-calls';

const brokers = kafkaBrokers();
const Analytics = createRequire(import.meta.url)('@rudderstack/rudder-sdk-node') as typeof RudderAnalytics;

type Send = (message: unknown, callback: (error?: unknown) => void) => unknown;

/** Makes every call through the SDK and flushes; resolves with whatever the SDK reported as an error. */
async function sendAll(client: RudderAnalytics, calls: readonly SdkCall[], errors: unknown[]) {
  const settled = calls.map(
    (call) =>
      new Promise<void>((resolve) => {
        (client[call.type] as unknown as Send).call(client, call.params, (error) => {
          if (error) errors.push(error);
          resolve();
        });
      }),
  );
  await client.flush();
  await Promise.all(settled);
}

describe.skipIf(!brokers)("RudderStack's Node SDK, unmodified", () => {
  let gateway: CompatGateway;
  beforeAll(async () => {
    gateway = await startCompatGateway(defined(brokers, 'brokers'), 'rudder');
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it.each([
    { gzip: true, contentType: 'application/x-www-form-urlencoded', encoding: 'gzip' },
    { gzip: false, contentType: 'application/json', encoding: undefined },
  ])(
    'lands identify/track/page/screen/group/alias once each through a 503 and a lost response (gzip: $gzip)',
    async ({ gzip, contentType, encoding }) => {
      const proxy = await startFlakyProxy(gateway.url, ['unavailable', 'lost-response']);
      const errors: unknown[] = [];
      try {
        const client = new Analytics(TEST_KEY, {
          dataPlaneUrl: proxy.url,
          flushAt: 5,
          flushInterval: 200,
          gzip,
          logLevel: 'none',
          errorHandler: (error: unknown) => errors.push(error),
        });
        const prefix = runId(`rudder-${gzip ? 'gzip' : 'plain'}`);
        const calls = sdkCalls(prefix);
        await sendAll(client, calls, errors);

        expect(errors).toEqual([]);
        const faulted = proxy.seen.slice(0, 2).map((r) => r.fault);
        expect(faulted).toEqual(['unavailable', 'lost-response']);
        const answered = proxy.seen.filter((r) => r.fault === undefined);
        expect(answered.length).toBeGreaterThan(0);
        for (const r of proxy.seen) {
          expect(r).toMatchObject({ method: 'POST', url: '/v1/batch' });
          expect(r.headers['content-type']).toBe(contentType);
          expect(r.headers['content-encoding']).toBe(encoding);
          expect(r.headers.authorization).toMatch(/^Basic /);
        }
        expect(answered.every((r) => r.status === 200)).toBe(true);

        const stored = (await gateway.appEvents()).filter((s) => s.record.key?.startsWith(prefix));
        expectLanded(calls, stored, 'analytics-node');
        expect(await gateway.deadLetters()).toEqual([]);
      } finally {
        await proxy.close();
      }
    },
  );
});
