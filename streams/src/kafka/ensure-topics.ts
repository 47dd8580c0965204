import { setTimeout as sleep } from 'node:timers/promises';
import type { TopicSpec } from '@inlet/schemas';
import type { Admin, ITopicConfig } from 'kafkajs';

export interface EnsureTopicsOptions {
  /** Replication factor of created topics (a topic's own `replication.factor` config wins). Default: 1. */
  replicationFactor?: number;
  /** Broker-side timeout of each create request, in ms. Default: 30 000. */
  timeoutMs?: number;
}

export interface EnsureTopicsResult {
  /** Topics this call created. */
  created: string[];
  /** Topics that were already there (left as they are). */
  existing: string[];
}

/** kafkajs takes the replication factor as a field, not as a topic config. */
const REPLICATION_CONFIG = 'replication.factor';

export function topicConfig(spec: TopicSpec, replicationFactor: number): ITopicConfig {
  const { [REPLICATION_CONFIG]: replication, ...configs } = spec.configs;
  const factor = replication === undefined ? replicationFactor : Number(replication);
  if (!Number.isInteger(factor) || factor < 1) {
    throw new Error(`Topic ${spec.name}: replication factor must be a positive integer, got ${replication}`);
  }
  if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
    throw new Error(`Topic ${spec.name}: partitions must be a positive integer, got ${spec.partitions}`);
  }
  return {
    topic: spec.name,
    numPartitions: spec.partitions,
    replicationFactor: factor,
    configEntries: [
      { name: 'cleanup.policy', value: spec.cleanupPolicy },
      ...Object.entries(configs).map(([name, value]) => ({ name, value })),
    ],
  };
}

/**
 * Creates the catalogue's missing topics (partitions, replication factor, `cleanup.policy` and the
 * spec's configs) and waits until each has partition leaders. Idempotent: existing topics are left
 * alone, and a topic another process creates at the same moment counts as existing.
 */
export async function ensureTopics(
  admin: Pick<Admin, 'listTopics' | 'createTopics' | 'fetchTopicMetadata' | 'fetchTopicOffsets'>,
  catalogue: readonly TopicSpec[],
  options: EnsureTopicsOptions = {},
): Promise<EnsureTopicsResult> {
  const replicationFactor = options.replicationFactor ?? 1;
  const timeout = options.timeoutMs ?? 30_000;
  const names = catalogue.map((spec) => spec.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new Error(`Topic catalogue names ${duplicate} twice; topic names must be unique.`);
  const configs = catalogue.map((spec) => topicConfig(spec, replicationFactor));

  const present = new Set(await admin.listTopics());
  const missing = configs.filter((config) => !present.has(config.topic));
  // One request per topic: kafkajs answers "already exists" per call, so each outcome is exact.
  // Its own waitForLeaders gives up on the first UNKNOWN_TOPIC_OR_PARTITION right after creation,
  // so leaders are awaited below instead (and until they serve, not just until they are named).
  const settled = await Promise.allSettled(
    missing.map((config) => admin.createTopics({ topics: [config], waitForLeaders: false, timeout })),
  );
  const failure = settled.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  const created = new Set(
    missing.filter((_, i) => settled[i]?.status === 'fulfilled' && settled[i].value).map((c) => c.topic),
  );
  await waitForLeaders(
    admin,
    missing.map((config) => config.topic),
    timeout,
  );
  return {
    created: names.filter((name) => created.has(name)),
    existing: names.filter((name) => !created.has(name)),
  };
}

/** A topic is ready when metadata names a leader for every partition and those leaders answer. */
async function topicReady(
  admin: Pick<Admin, 'fetchTopicMetadata' | 'fetchTopicOffsets'>,
  topic: string,
): Promise<boolean> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const partitions = topics[0]?.partitions ?? [];
  if (partitions.length === 0 || partitions.some((p) => p.leader < 0)) return false;
  // Metadata can name the leader a moment before it serves the partition (NOT_LEADER_OR_FOLLOWER),
  // which kafkajs admin calls do not retry: a ListOffsets round trip proves it serves.
  await admin.fetchTopicOffsets(topic);
  return true;
}

/**
 * Polls until every partition of `topics` has a leader that answers requests, or throws after
 * `timeoutMs` with the last error.
 */
export async function waitForLeaders(
  admin: Pick<Admin, 'fetchTopicMetadata' | 'fetchTopicOffsets'>,
  topics: readonly string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending: string[] = [...topics];
  let lastError = 'no leader yet';
  while (pending.length > 0) {
    const ready = await Promise.all(
      pending.map((topic) =>
        topicReady(admin, topic).catch((error: unknown) => {
          lastError = (error as Error).message; // e.g. not in the metadata yet, or not the leader yet
          return false;
        }),
      ),
    );
    pending = pending.filter((_, i) => !ready[i]);
    if (pending.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Topics ${pending.join(', ')} have no serving partition leader after ${timeoutMs} ms (${lastError}).`,
      );
    }
    await sleep(100);
  }
}
