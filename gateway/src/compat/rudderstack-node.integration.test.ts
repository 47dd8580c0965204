/**
 * RudderStack's official Node SDK (`@rudderstack/rudder-sdk-node`), unmodified, sending through its
 * own batching, gzip and axios-retry to a real gateway writing to the real Kafka broker. It labels
 * its gzipped JSON `application/x-www-form-urlencoded` (axios' default for a Buffer): the gateway
 * takes that as JSON, with the same body checks.
 */
import { createRequire } from 'node:module';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import type RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { describe, expect, it } from 'vitest';
import { runId } from '../testing/ingest-load';
import { TEST_KEY, useCompatGateway } from './compat-gateway';
import { startFlakyProxy } from './flaky-proxy';
import { expectGatewayStored, expectThroughFlakyProxy, sdkCalls, sendAll } from './sdk-calls';

const brokers = kafkaBrokers();
const Analytics = createRequire(import.meta.url)('@rudderstack/rudder-sdk-node') as typeof RudderAnalytics;

describe.skipIf(!brokers)("RudderStack's Node SDK, unmodified", () => {
  const gateway = useCompatGateway(() => defined(brokers, 'brokers'), 'rudder');

  it.each([
    { gzip: true, contentType: 'application/x-www-form-urlencoded', encoding: 'gzip' },
    { gzip: false, contentType: 'application/json', encoding: undefined },
  ])(
    'lands identify/track/page/screen/group/alias once each through a 503 and a lost response (gzip: $gzip)',
    async ({ gzip, contentType, encoding }) => {
      const proxy = await startFlakyProxy(gateway().url, ['unavailable', 'lost-response']);
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
        await sendAll(client, calls, errors, () => client.flush());

        expect(errors).toEqual([]);
        expectThroughFlakyProxy(proxy.seen, ['unavailable', 'lost-response'], {
          'content-type': contentType,
          'content-encoding': encoding,
        });

        await expectGatewayStored(gateway(), prefix, calls, 'analytics-node');
      } finally {
        await proxy.close();
      }
    },
  );
});
