/**
 * Helpers of the gateway's integration tests: events with known messageIds, a load loop that records
 * which events were answered 200, and readers that find them again in Kafka or the local log.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createKafkaReader, readLocalTopic } from '@inlet/streams';
import { parseResolvedConfig, type ResolvedConfig } from '../config/load';
import type { GatewayConfigInput } from '../config/schema';

export const TEST_KEY = 'wk_integration_0123456789';

/** A run-unique messageId prefix, so reads of shared topics find only this run's events. */
export const runId = (name: string): string =>
  `${name}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

/** A valid ~330-byte track event. */
export const trackEvent = (messageId: string, n: number) => ({
  type: 'track',
  event: 'Product Viewed',
  userId: `user-${n % 50}`,
  messageId,
  timestamp: '2024-05-01T12:00:00.000Z',
  properties: {
    productId: `sku-${n}`,
    price: 19.99,
    currency: 'EUR',
    category: 'shoes',
    name: 'Trail Runner 2',
  },
  context: {
    page: { path: `/products/sku-${n}`, url: `https://shop.example/products/sku-${n}` },
    locale: 'en-GB',
  },
});

export function testConfig(overrides: GatewayConfigInput & { sink: 'kafka' | 'local' }): ResolvedConfig {
  return parseResolvedConfig(
    JSON.stringify({
      port: 0,
      writeKeys: [
        { key: TEST_KEY, source: 'integration', ipPolicy: 'keep', rateLimit: { perSecond: 1e6, burst: 1e6 } },
      ],
      logLevel: 'silent',
      ...overrides,
    }),
  );
}

export interface PostResult {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: unknown;
}

export async function postBatch(url: string, batch: readonly unknown[], key = TEST_KEY): Promise<PostResult> {
  const response = await fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-write-key': key },
    body: JSON.stringify({ batch }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
  };
}

export interface LoadResult {
  /** messageIds of every event in a batch answered 200. */
  readonly acked: Set<string>;
  readonly statuses: Map<number | 'network-error', number>;
}

export interface Load extends LoadResult {
  /** Resolves once every loop has seen `stop()` return true. */
  readonly done: Promise<void>;
}

/** Posts batches of `batchSize` from `concurrency` loops until `stop()` is true; `acked` fills as answers come. */
export function startLoad(
  url: string,
  prefix: string,
  options: { concurrency: number; batchSize: number; stop: () => boolean },
): Load {
  const acked = new Set<string>();
  const statuses = new Map<number | 'network-error', number>();
  let next = 0;
  const count = (key: number | 'network-error') => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const loop = async () => {
    while (!options.stop()) {
      const ids = Array.from({ length: options.batchSize }, () => `${prefix}-${next++}`);
      try {
        const { status } = await postBatch(
          url,
          ids.map((id, i) => trackEvent(id, next + i)),
        );
        count(status);
        if (status === 200) for (const id of ids) acked.add(id);
      } catch {
        count('network-error');
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const done = Promise.all(Array.from({ length: options.concurrency }, loop)).then(() => {});
  return { acked, statuses, done };
}

export async function runLoad(
  url: string,
  prefix: string,
  options: { concurrency: number; batchSize: number; stop: () => boolean },
): Promise<LoadResult> {
  const load = startLoad(url, prefix, options);
  await load.done;
  return { acked: load.acked, statuses: load.statuses };
}

/** How often each messageId starting with `prefix` occurs in a Kafka topic. */
export async function kafkaMessageIds(brokers: readonly string[], topic: string, prefix: string) {
  const reader = createKafkaReader({ brokers, logLevel: 'silent' });
  const counts = new Map<string, number>();
  for await (const record of reader.readTopic(topic)) {
    const id = record.headers['message-id'];
    if (id?.startsWith(prefix)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** The same for a topic of a local log (`dataDir` holds `log/<topic>/`). */
export async function localMessageIds(dataDir: string, topic: string, prefix: string) {
  const counts = new Map<string, number>();
  for await (const record of readLocalTopic(dataDir, topic)) {
    const id = record.headers['message-id'];
    if (id?.startsWith(prefix)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Acknowledged ids absent from `found`, and how many ids `found` holds more than once. */
export function compare(acked: ReadonlySet<string>, found: ReadonlyMap<string, number>) {
  const missing = [...acked].filter((id) => !found.has(id));
  const duplicated = [...found.values()].filter((n) => n > 1).length;
  return { missing, duplicated };
}

/** A port nothing listens on (taken and released at once): a Kafka that is down. */
export function deadPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
