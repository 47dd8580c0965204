import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { describe, expect, it } from 'vitest';
import { createKafkaClient } from './client';

const brokers = kafkaBrokers();

describe.skipIf(!brokers)('a bracketed IPv6 seed broker', () => {
  it('reaches the real broker (through the IPv4-mapped loopback, ::ffff:127.0.0.1)', async () => {
    const seeds = defined(brokers, 'Kafka brokers').map((broker) =>
      broker.replace(/^127\.0\.0\.1:/, '[::ffff:127.0.0.1]:'),
    );
    expect(seeds[0]).toMatch(/^\[::ffff:127\.0\.0\.1\]:\d+$/);
    const admin = createKafkaClient({ brokers: seeds, logLevel: 'silent', retry: { retries: 2 } }).admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.length).toBeGreaterThan(0);
    } finally {
      await admin.disconnect();
    }
  });
});
