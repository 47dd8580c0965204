import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TOPIC_NAMES } from '@inlet/schemas';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { createKafkaReader, type StoredRecord } from '@inlet/streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadPort, postBatch, runId, testConfig, trackEvent } from '../testing/ingest-load';
import { type RunningGateway, startGateway } from './start';

const brokers = kafkaBrokers();

async function read(topic: string, prefix: string): Promise<StoredRecord[]> {
  const reader = createKafkaReader({ brokers: defined(brokers, 'brokers'), logLevel: 'silent' });
  const found: StoredRecord[] = [];
  for await (const r of reader.readTopic(topic))
    if (r.headers['message-id']?.startsWith(prefix)) found.push(r);
  return found;
}

describe.skipIf(!brokers)('gateway → Kafka', () => {
  let dir: string;
  let gateway: RunningGateway;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-gw-it-'));
    gateway = await startGateway(
      testConfig({ sink: 'kafka', brokers: defined(brokers, 'brokers'), dataDir: dir }),
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes each event to its topic with its key and headers, and dead-letters the invalid one', async () => {
    const prefix = runId('route');
    const batch = [
      trackEvent(`${prefix}-track`, 7),
      { type: 'click', anonymousId: 'anon-1', messageId: `${prefix}-click`, element: { tag: 'button' } },
      { type: 'log', userId: 'svc-1', messageId: `${prefix}-log`, level: 'error', message: 'boom' },
      { type: 'track', userId: 'user-x', messageId: `${prefix}-bad` },
    ];
    const answer = await postBatch(gateway.url, batch);
    expect(answer).toMatchObject({ status: 200, body: { ok: true, accepted: 3, rejected: [{ index: 3 }] } });

    const [track] = await read(DEFAULT_TOPIC_NAMES.appEvents, prefix);
    expect(track).toMatchObject({
      key: 'user-7',
      headers: {
        'message-id': `${prefix}-track`,
        'event-type': 'track',
        source: 'integration',
        'schema-version': '1',
      },
    });
    expect(Date.parse(track?.headers['received-at'] ?? '')).not.toBeNaN();
    expect(JSON.parse(String(track?.value))).toMatchObject({
      messageId: `${prefix}-track`,
      event: 'Product Viewed',
      source: 'integration',
    });

    const [click] = await read(DEFAULT_TOPIC_NAMES.clickstream, prefix);
    expect(click).toMatchObject({
      key: 'anon-1',
      headers: { 'message-id': `${prefix}-click`, 'event-type': 'click' },
    });
    const [log] = await read(DEFAULT_TOPIC_NAMES.appLogs, prefix);
    expect(log).toMatchObject({ key: 'svc-1', headers: { 'event-type': 'log' } });

    const deadLetters = (await read(DEFAULT_TOPIC_NAMES.deadLetter, prefix)).filter((r) =>
      String(r.value).includes(`${prefix}-bad`),
    );
    expect(deadLetters).toHaveLength(1);
    expect(gateway.publisher.status()).toMatchObject({ ready: true, sink: 'kafka', kafka: 'connected' });
  });
});

describe('gateway with Kafka down and a full spool', () => {
  it('answers 200 from the spool, then 503 with Retry-After once the quota is reached', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-gw-quota-'));
    const port = await deadPort();
    const gateway = await startGateway(
      testConfig({
        sink: 'kafka',
        brokers: [`127.0.0.1:${port}`],
        dataDir: dir,
        produceTimeoutMs: 300,
        spoolQuotaBytes: 20_000,
      }),
      { topicsWaitMs: 0 },
    );
    try {
      const prefix = runId('quota');
      const batch = (n: number) => Array.from({ length: 20 }, (_, i) => trackEvent(`${prefix}-${n}-${i}`, i));
      expect((await postBatch(gateway.url, batch(0))).status).toBe(200);
      expect(gateway.publisher.status()).toMatchObject({
        kafka: expect.not.stringMatching(/^connected$/),
        spool: { quotaBytes: 20_000 },
      });
      let answer = await postBatch(gateway.url, batch(1));
      for (let n = 2; answer.status === 200 && n < 20; n++) answer = await postBatch(gateway.url, batch(n));
      expect(answer.status).toBe(503);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      const ready = await fetch(`${gateway.url}/readyz`);
      expect(ready.status).toBe(503);
    } finally {
      await gateway.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
