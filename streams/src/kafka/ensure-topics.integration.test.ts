import { resolveTopicNames, topicCatalogue } from '@inlet/schemas';
import { defined, kafkaBrokers, uniqueName } from '@inlet/scripts/testing';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { ensureTopics } from './ensure-topics';

const brokers = kafkaBrokers();
const TOPIC_RESOURCE = 2;

describe.skipIf(!brokers)('ensureTopics on a real broker', () => {
  it('creates missing topics with partitions and configs, then finds them existing', async () => {
    const names = resolveTopicNames({
      userState: uniqueName('it-user-state'),
      appLogs: uniqueName('it-app-logs'),
    });
    const catalogue = topicCatalogue(names).filter(
      (spec) => spec.key === 'userState' || spec.key === 'appLogs',
    );
    const admin = new Kafka({
      clientId: 'it-ensure',
      brokers: defined(brokers),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const [first, second] = [await ensureTopics(admin, catalogue), await ensureTopics(admin, catalogue)];
      expect(first).toEqual({ created: [names.appLogs, names.userState], existing: [] });
      expect(second).toEqual({ created: [], existing: [names.appLogs, names.userState] });

      const { topics } = await admin.fetchTopicMetadata({ topics: [names.userState] });
      expect(topics[0]?.partitions).toHaveLength(3);
      expect(topics[0]?.partitions.every((p) => p.leader >= 0 && p.replicas.length === 1)).toBe(true);
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: TOPIC_RESOURCE, name: names.userState }],
      });
      const config = new Map(resources[0]?.configEntries.map((e) => [e.configName, e.configValue]));
      expect(config.get('cleanup.policy')).toBe('compact');
      expect(config.get('min.cleanable.dirty.ratio')).toBe('0.1');
      expect(config.get('segment.ms')).toBe('3600000');
    } finally {
      await admin.deleteTopics({ topics: [names.userState, names.appLogs] });
      await admin.disconnect();
    }
  });
});
