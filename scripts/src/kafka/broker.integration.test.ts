import { access } from 'node:fs/promises';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createTestTopic, kafkaBrokers } from '../testing';
import { startKafka } from './broker';
import { probeKafka } from './ready';

// A second broker of its own (the shared one must not restart under other tests). Needs what the
// shared one needed: when the global setup could not run Kafka, this is skipped (or fails in CI).
const available = kafkaBrokers() !== undefined;

describe.skipIf(!available)('startKafka', () => {
  it('restarts (after a clean stop or a SIGKILL) on the same port and data; stop() removes its temp folder', {
    timeout: 180_000,
  }, async () => {
    const broker = await startKafka();
    try {
      const topic = await createTestTopic(broker.brokers, 'it-restart');
      const kafka = new Kafka({
        clientId: 'it-restart',
        brokers: broker.brokers,
        logLevel: logLevel.NOTHING,
      });
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'before restart' }] });
      await producer.disconnect();

      const { clusterId } = await probeKafka(broker.brokers);
      const pid = broker.pid;
      await broker.restart();
      expect(broker.pid).not.toBe(pid);
      expect(broker.brokers).toEqual([`127.0.0.1:${broker.port}`]);
      expect((await probeKafka(broker.brokers)).clusterId).toBe(clusterId);

      const highWatermark = async () => {
        const admin = kafka.admin();
        await admin.connect();
        try {
          return (await admin.fetchTopicOffsets(topic)).map((o) => o.high);
        } finally {
          await admin.disconnect();
        }
      };
      expect(await highWatermark()).toEqual(['1']);

      // A crash (SIGKILL, no clean shutdown) and a restart: the broker recovers its log.
      await broker.kill();
      await expect(probeKafka(broker.brokers, 1_000)).rejects.toThrow();
      await broker.restart();
      expect(await highWatermark()).toEqual(['1']);
    } finally {
      await broker.stop();
    }
    await expect(access(broker.dataDir)).rejects.toThrow();
    await expect(probeKafka(broker.brokers, 1_000)).rejects.toThrow();
  });
});
