import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createKafkaReader,
  isTopicNotFoundError,
  readLocalTopic,
  type StoredRecord,
  valueText,
} from '@inlet/streams';
import { Sightings } from './reconcile';

/** Where the topics are: a Kafka cluster, or a gateway's `--data-dir` (the local log). */
export type TopicSource = { readonly brokers: readonly string[] } | { readonly dataDir: string };

/** The messageId of a record: the `message-id` header of app topics, the key of dead letters, else the value's. */
export function messageIdOf(record: StoredRecord): string | undefined {
  const header = record.headers['message-id'];
  if (header) return header;
  if (record.key) return record.key;
  try {
    const value = JSON.parse(valueText(record) ?? 'null') as { messageId?: unknown } | null;
    return typeof value?.messageId === 'string' ? value.messageId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A gateway run with `--workers N` keeps one log per worker (`<dir>/worker-<n>/log`); a single
 * process keeps `<dir>/log`. Both are read.
 */
async function localDirs(dataDir: string): Promise<string[]> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  const workers = names.filter((n) => /^worker-\d+$/.test(n)).map((n) => join(dataDir, n));
  return names.includes('log') ? [dataDir, ...workers] : workers;
}

export interface ReadReport {
  readonly sightings: Sightings;
  /** Topics that do not exist (nothing was ever written there). */
  readonly missingTopics: string[];
  /** Records read in all, this run's or not. */
  readonly recordsRead: number;
}

/**
 * Reads every record of `topics` once (to the end each had when the read began) and notes where
 * each messageId starting with `prefix` was found.
 */
export async function readSightings(
  source: TopicSource,
  topics: readonly string[],
  prefix: string,
): Promise<ReadReport> {
  const sightings = new Sightings();
  const missing = new Set<string>(topics);
  let recordsRead = 0;
  const take = async (topic: string, records: AsyncIterable<StoredRecord>) => {
    try {
      for await (const record of records) {
        recordsRead++;
        const id = messageIdOf(record);
        if (id?.startsWith(prefix)) sightings.add(id, topic);
      }
      missing.delete(topic);
    } catch (error) {
      if (!isTopicNotFoundError(error)) throw error;
    }
  };
  if ('brokers' in source) {
    const reader = createKafkaReader({
      brokers: [...source.brokers],
      clientId: 'inlet-audit',
      logLevel: 'error',
    });
    for (const topic of topics) await take(topic, reader.readTopic(topic));
  } else {
    const dirs = await localDirs(source.dataDir);
    if (!dirs.length) {
      throw new Error(
        `no local log in ${source.dataDir}: expected ${join(source.dataDir, 'log')} (the gateway's --data-dir)`,
      );
    }
    for (const dir of dirs) for (const topic of topics) await take(topic, readLocalTopic(dir, topic));
  }
  return { sightings, missingTopics: [...missing], recordsRead };
}
