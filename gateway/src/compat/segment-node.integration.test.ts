/**
 * Segment's official Node SDK (`@segment/analytics-node`), unmodified, sending through its own
 * batching and retries to a real gateway writing to the real Kafka broker: JSON, Basic auth and
 * the write key in the body too, `X-Retry-Count` on retries.
 */
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { Analytics } from '@segment/analytics-node';
import { describe, expect, it } from 'vitest';
import { runId } from '../testing/ingest-load';
import { TEST_KEY, useCompatGateway } from './compat-gateway';
import { startFlakyProxy } from './flaky-proxy';
import { expectGatewayStored, expectThroughFlakyProxy, sdkCalls, sendAll } from './sdk-calls';

const brokers = kafkaBrokers();

describe.skipIf(!brokers)("Segment's Node SDK, unmodified", () => {
  const gateway = useCompatGateway(() => defined(brokers, 'brokers'), 'segment');

  it('lands identify/track/page/screen/group/alias once each through a 503, a lost response and a reset', async () => {
    const proxy = await startFlakyProxy(gateway().url, ['unavailable', 'lost-response', 'reset']);
    const errors: unknown[] = [];
    try {
      const client = new Analytics({ writeKey: TEST_KEY, host: proxy.url, flushAt: 5, flushInterval: 200 });
      client.on('error', (error) => errors.push(error));
      const prefix = runId('segment');
      const calls = sdkCalls(prefix);
      await sendAll(client, calls, errors, () => client.closeAndFlush({ timeout: 30_000 }));

      expect(errors).toEqual([]);
      expectThroughFlakyProxy(proxy.seen, ['unavailable', 'lost-response', 'reset'], {
        'content-type': 'application/json',
      });
      expect(proxy.seen.some((r) => r.headers['x-retry-count'] !== undefined)).toBe(true);

      await expectGatewayStored(gateway(), prefix, calls, '@segment/analytics-node');
    } finally {
      await proxy.close();
    }
  });
});
