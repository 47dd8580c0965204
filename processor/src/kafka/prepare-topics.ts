/** Kafka mode's start-up check of its topics, and the window-state changelog it creates. */
import { TOPICS, type TopicNames } from '@inlet/schemas';
import { ensureTopics } from '@inlet/streams';
import type { Admin } from 'kafkajs';

/**
 * Fails with the fix when an input or output topic is missing; creates the compacted changelog
 * `changelogTopic` with one partition per task. Returns the partition count of every topic.
 */
export async function prepareTopics(
  admin: Admin,
  topics: TopicNames,
  inputs: readonly string[],
  changelogTopic: string,
): Promise<Map<string, number>> {
  const outputs = [topics.processedEvents, topics.userState, topics.bookingState, topics.deadLetter];
  const existing = new Set(await admin.listTopics());
  const missing = [...inputs, ...outputs].filter((t) => !existing.has(t));
  if (missing.length > 0) {
    throw new Error(
      `Kafka has no topic ${missing.join(', ')}; create the catalogue with \`npm run kafka -- start\` (or ensureTopics)`,
    );
  }
  const meta = await admin.fetchTopicMetadata({ topics: [...inputs, ...outputs] });
  const partitionCount = new Map(meta.topics.map((t) => [t.name, t.partitions.length]));
  const tasks = Math.max(...inputs.map((t) => partitionCount.get(t) ?? 1));
  if (!existing.has(changelogTopic)) {
    // The spec's key only labels it; ensureTopics reads name, partitions, policy and configs.
    await ensureTopics(admin, [
      { ...TOPICS.userState, name: changelogTopic, partitions: tasks, description: 'processor window state' },
    ]);
  }
  partitionCount.set(changelogTopic, tasks);
  return partitionCount;
}
