/**
 * Kafka dies under load and comes back: every event answered 200 must end up in Kafka. Runs its own
 * broker (stopped and restarted on the same port and data) so the shared one stays up for other tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TOPIC_NAMES } from '@inlet/schemas';
import { type KafkaBroker, startKafka } from '@inlet/scripts';
import { kafkaBrokers } from '@inlet/scripts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaSpoolPublisher } from '../delivery/kafka-spool-publisher';
import { compare, kafkaMessageIds, runId, runLoad, testConfig, waitUntil } from '../testing/ingest-load';
import { type RunningGateway, startGateway } from './start';

// Only to learn whether the harness can run Kafka here (Java present); this file starts its own broker.
const shared = kafkaBrokers();

describe.skipIf(!shared)('gateway while Kafka goes away', () => {
  let broker: KafkaBroker;
  let dir: string;
  let gateway: RunningGateway;

  beforeAll(async () => {
    broker = await startKafka({ heapMb: 384 });
    dir = await mkdtemp(join(tmpdir(), 'inlet-gw-outage-'));
    gateway = await startGateway(
      testConfig({ sink: 'kafka', brokers: broker.brokers, dataDir: dir, produceTimeoutMs: 1_000 }),
      { kafkaSpool: { replay: { retryMinMs: 200, retryMaxMs: 1_000 } } },
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await broker?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers 200 from the spool while Kafka is down and delivers every acknowledged event once it is back', async () => {
    const publisher = gateway.publisher;
    if (!(publisher instanceof KafkaSpoolPublisher)) throw new Error('expected the Kafka publisher');
    const prefix = runId('outage');
    const load = (phase: string, ms: number) => {
      const until = Date.now() + ms;
      return runLoad(gateway.url, `${prefix}-${phase}`, {
        concurrency: 4,
        batchSize: 20,
        stop: () => Date.now() > until,
      });
    };

    const before = await load('before', 1_500);
    expect(publisher.stats().sentToKafka).toBeGreaterThan(0);

    await broker.kill();
    const during = await load('during', 3_000);
    expect(publisher.stats()).toMatchObject({ mode: 'spooling' });
    expect(publisher.stats().spooled).toBeGreaterThan(0);
    expect(publisher.status().spool?.bytes).toBeGreaterThan(0);

    await broker.restart();
    const after = await load('after', 1_500);
    await waitUntil(
      () => publisher.stats().mode === 'direct' && publisher.stats().pendingReplay === 0,
      'the spool to drain',
    );

    for (const phase of [before, during, after]) expect([...phase.statuses.keys()]).toEqual([200]);
    const acked = new Set([...before.acked, ...during.acked, ...after.acked]);
    const found = await kafkaMessageIds(broker.brokers, DEFAULT_TOPIC_NAMES.appEvents, prefix);
    const { missing, duplicated } = compare(acked, found);
    const stats = publisher.stats();
    console.info(
      `[kafka outage] acknowledged ${acked.size} events (${during.acked.size} while Kafka was down); ` +
        `in Kafka: ${found.size} distinct, ${duplicated} duplicated; spooled ${stats.spooled}, replayed ${stats.replayed}, ` +
        `late acks after a timeout ${stats.lateAckedRecords}`,
    );
    expect(missing).toEqual([]);
    // Every request was answered 200, so Kafka holds nothing else; a duplicate is an event sent twice
    // (timed out, then spooled and replayed), so there are never more than the spool replayed.
    expect([...found.keys()].filter((id) => !acked.has(id))).toEqual([]);
    expect(duplicated).toBeLessThanOrEqual(stats.replayed);
  });
});
