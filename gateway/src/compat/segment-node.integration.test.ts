/**
 * Segment's official Node SDK (`@segment/analytics-node`), unmodified, sending through its own
 * batching and retries to a real gateway writing to the real Kafka broker: JSON, Basic auth and
 * the write key in the body too, `X-Retry-Count` on retries.
 */
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runId } from '../server/testing/integration';
import { type CompatGateway, startCompatGateway, TEST_KEY } from './compat-gateway';
import { startFlakyProxy } from './flaky-proxy';
import { expectLanded, type SdkCall, sdkCalls } from './sdk-calls';

const brokers = kafkaBrokers();

type Send = (params: unknown, callback: (error?: unknown) => void) => void;

async function sendAll(client: Analytics, calls: readonly SdkCall[], errors: unknown[]) {
  const settled = calls.map(
    (call) =>
      new Promise<void>((resolve) => {
        (client[call.type] as unknown as Send).call(client, call.params, (error) => {
          if (error) errors.push(error);
          resolve();
        });
      }),
  );
  await client.closeAndFlush({ timeout: 30_000 });
  await Promise.all(settled);
}

describe.skipIf(!brokers)("Segment's Node SDK, unmodified", () => {
  let gateway: CompatGateway;
  beforeAll(async () => {
    gateway = await startCompatGateway(defined(brokers, 'brokers'), 'segment');
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('lands identify/track/page/screen/group/alias once each through a 503, a lost response and a reset', async () => {
    const proxy = await startFlakyProxy(gateway.url, ['unavailable', 'lost-response', 'reset']);
    const errors: unknown[] = [];
    try {
      const client = new Analytics({ writeKey: TEST_KEY, host: proxy.url, flushAt: 5, flushInterval: 200 });
      client.on('error', (error) => errors.push(error));
      const prefix = runId('segment');
      const calls = sdkCalls(prefix);
      await sendAll(client, calls, errors);

      expect(errors).toEqual([]);
      expect(proxy.seen.slice(0, 3).map((r) => r.fault)).toEqual(['unavailable', 'lost-response', 'reset']);
      const answered = proxy.seen.filter((r) => r.fault === undefined);
      expect(answered.length).toBeGreaterThan(0);
      expect(answered.every((r) => r.status === 200)).toBe(true);
      for (const r of proxy.seen) {
        expect(r).toMatchObject({ method: 'POST', url: '/v1/batch' });
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers.authorization).toMatch(/^Basic /);
      }
      expect(proxy.seen.some((r) => r.headers['x-retry-count'] !== undefined)).toBe(true);

      const stored = (await gateway.appEvents()).filter((s) => s.record.key?.startsWith(prefix));
      expectLanded(calls, stored, '@segment/analytics-node');
      expect(await gateway.deadLetters()).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
