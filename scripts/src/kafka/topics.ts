import type { Admin } from 'kafkajs';

export interface TopicSummary {
  name: string;
  partitions: number;
  cleanupPolicy: string;
}

/** kafkajs' ConfigResourceTypes.TOPIC (its enum is a runtime value; this is the protocol number). */
const TOPIC_RESOURCE = 2;

/** Every non-internal topic with its partition count and `cleanup.policy`, sorted by name. */
export async function describeTopics(admin: Admin): Promise<TopicSummary[]> {
  const names = (await admin.listTopics()).filter((name) => !name.startsWith('__')).sort();
  if (names.length === 0) return [];
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: names.map((name) => ({ type: TOPIC_RESOURCE, name, configNames: ['cleanup.policy'] })),
  });
  const policy = new Map(
    resources.map((r) => [
      r.resourceName,
      r.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue,
    ]),
  );
  const partitions = new Map(topics.map((t) => [t.name, t.partitions.length]));
  return names.map((name) => ({
    name,
    partitions: partitions.get(name) ?? 0,
    cleanupPolicy: policy.get(name) ?? '?',
  }));
}

/** A fixed-width table for the terminal. */
export function formatTopicTable(topics: readonly TopicSummary[]): string {
  const rows = [
    ['TOPIC', 'PARTITIONS', 'CLEANUP'],
    ...topics.map((t) => [t.name, String(t.partitions), t.cleanupPolicy]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
