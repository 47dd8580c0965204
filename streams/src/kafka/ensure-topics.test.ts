import { topicCatalogue } from '@inlet/schemas';
import type { ITopicConfig } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { ensureTopics, topicConfig } from './ensure-topics';

/** An in-memory admin: topics appear on create and get a leader straight away. */
function fakeAdmin(existing: string[] = [], raceLost: string[] = [], notLeaderYet = 0) {
  const topics = new Map<string, ITopicConfig>(existing.map((name) => [name, { topic: name }]));
  const requests: ITopicConfig[][] = [];
  let offsetCalls = 0;
  return {
    requests,
    offsetCalls: () => offsetCalls,
    admin: {
      listTopics: async () => [...topics.keys()],
      createTopics: async ({ topics: configs }: { topics: ITopicConfig[] }) => {
        requests.push(configs);
        let created = false;
        for (const config of configs) {
          if (!topics.has(config.topic) && !raceLost.includes(config.topic)) created = true;
          topics.set(config.topic, config);
        }
        return created;
      },
      fetchTopicOffsets: async (name: string) => {
        offsetCalls++;
        if (offsetCalls <= notLeaderYet)
          throw new Error('This server is not the leader for that topic-partition');
        return Array.from({ length: topics.get(name)?.numPartitions ?? 1 }, (_, partition) => ({
          partition,
          offset: '0',
          high: '0',
          low: '0',
        }));
      },
      fetchTopicMetadata: async ({ topics: names }: { topics: string[] }) => ({
        topics: names.map((name) => ({
          name,
          partitions: Array.from({ length: topics.get(name)?.numPartitions ?? 1 }, (_, partitionId) => ({
            partitionId,
            leader: 1,
            replicas: [1],
            isr: [1],
            offlineReplicas: [],
            partitionErrorCode: 0,
          })),
        })),
      }),
    },
  };
}

describe('topicConfig', () => {
  it('maps a spec to partitions, replication factor 1 and cleanup.policy plus its configs', () => {
    const userState = topicCatalogue().find((spec) => spec.key === 'userState');
    expect(userState && topicConfig(userState, 1)).toEqual({
      topic: 'topic_user_state',
      numPartitions: 3,
      replicationFactor: 1,
      configEntries: [
        { name: 'cleanup.policy', value: 'compact' },
        { name: 'min.cleanable.dirty.ratio', value: '0.1' },
        { name: 'segment.ms', value: '3600000' },
      ],
    });
  });

  it('takes the replication factor from the spec configs when given there', () => {
    const [spec] = topicCatalogue();
    const config = spec && topicConfig({ ...spec, configs: { 'replication.factor': '3' } }, 1);
    expect(config?.replicationFactor).toBe(3);
    expect(config?.configEntries).toEqual([{ name: 'cleanup.policy', value: 'delete' }]);
  });

  it('rejects nonsense partition counts and replication factors', () => {
    const [spec] = topicCatalogue();
    if (!spec) throw new Error('empty catalogue');
    expect(() => topicConfig({ ...spec, partitions: 0 }, 1)).toThrow(/partitions must be a positive integer/);
    expect(() => topicConfig({ ...spec, configs: { 'replication.factor': 'x' } }, 1)).toThrow(
      /replication factor/,
    );
  });
});

describe('ensureTopics', () => {
  it('creates what is missing, in catalogue order, and reports what existed', async () => {
    const { admin, requests } = fakeAdmin(['topic_app_logs']);
    const result = await ensureTopics(admin, topicCatalogue());
    expect(result.existing).toEqual(['topic_app_logs']);
    expect(result.created).toHaveLength(8);
    expect(result.created[0]).toBe('topic_app_events');
    expect(requests.flat().map((c) => c.topic)).not.toContain('topic_app_logs');
  });

  it('is idempotent', async () => {
    const { admin, requests } = fakeAdmin();
    await ensureTopics(admin, topicCatalogue());
    const again = await ensureTopics(admin, topicCatalogue());
    expect(again).toEqual({ created: [], existing: topicCatalogue().map((s) => s.name) });
    expect(requests).toHaveLength(9);
  });

  it('counts a topic another process created meanwhile as existing', async () => {
    const { admin } = fakeAdmin([], ['topic_dead_letter']);
    const result = await ensureTopics(admin, topicCatalogue());
    expect(result.existing).toEqual(['topic_dead_letter']);
  });

  it('refuses a catalogue that names a topic twice', async () => {
    const { admin } = fakeAdmin();
    const [spec] = topicCatalogue();
    if (!spec) throw new Error('empty catalogue');
    await expect(ensureTopics(admin, [spec, spec])).rejects.toThrow(/names topic_app_events twice/);
  });

  it('waits until a new topic leader serves, not just until metadata names it', async () => {
    const { admin, offsetCalls } = fakeAdmin([], [], 2);
    const [spec] = topicCatalogue();
    if (!spec) throw new Error('empty catalogue');
    expect(await ensureTopics(admin, [spec])).toEqual({ created: [spec.name], existing: [] });
    expect(offsetCalls()).toBe(3);
  });
});
