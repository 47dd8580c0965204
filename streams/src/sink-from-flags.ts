/**
 * Kafka or the local durable log, as a part's flags choose. One rule for the CDC and external
 * collectors and the demo site (the gateway applies rule 4 when `--sink` is not given), so
 * `--brokers`, `--data-dir` and `KAFKA_BROKERS` mean the same to each:
 *
 * 1. `--brokers` with `--data-dir` is a usage error: they name two different places.
 * 2. The broker list is `--brokers`, else `$KAFKA_BROKERS` unless `--data-dir` is given (a flag beats
 *    the environment); a blank `$KAFKA_BROKERS` counts as unset.
 * 3. A list must be `host:port[,host:port…]` (`parseBrokerList`); a blank `--brokers` is refused.
 * 4. Brokers → Kafka; none → the local log under `--data-dir` (default `./data`).
 */

import { parseBrokerList } from './kafka/broker-list';
import { createKafkaSink, type KafkaSink, type KafkaSinkOptions } from './kafka/kafka-sink';
import { type LocalLog, type LocalLogOptions, openLocalLog } from './local-log/local-log';

/** Where a part's topics live. */
export type TopicStore =
  | { readonly kind: 'kafka'; readonly brokers: readonly string[] }
  | { readonly kind: 'local'; readonly dataDir: string };

export const DEFAULT_DATA_DIR = './data';

/** Rule 4: any brokers → Kafka, none → the local log under `dataDir`. */
export const topicStoreOf = (brokers: readonly string[] | undefined, dataDir: string): TopicStore =>
  brokers !== undefined && brokers.length > 0 ? { kind: 'kafka', brokers } : { kind: 'local', dataDir };

export interface TopicStoreFlags {
  /** `--brokers` as given. */
  readonly brokers?: string | undefined;
  /** `--data-dir` as given. */
  readonly dataDir?: string | undefined;
  /** `$KAFKA_BROKERS`. */
  readonly envBrokers?: string | undefined;
  /** Without `--data-dir`. Default `./data`. */
  readonly defaultDataDir?: string;
}

/** The store, or what is wrong, for the CLI to say in its own words. */
export type TopicStoreChoice =
  | { readonly ok: true; readonly store: TopicStore }
  /** Rule 1. */
  | { readonly ok: false; readonly problem: 'both' }
  /** Rule 3: `text` as given (trimmed for the env var); `reason` completes a sentence naming it. */
  | {
      readonly ok: false;
      readonly problem: 'brokers';
      readonly source: 'flag' | 'env';
      readonly text: string;
      readonly reason: string;
      /** The first entry that is not `host:port`; absent when the list is empty. */
      readonly entry?: string;
    };

/** Applies the rule (see the top of this file) to the flags, without throwing. */
export function chooseTopicStore(flags: TopicStoreFlags): TopicStoreChoice {
  if (flags.brokers !== undefined && flags.dataDir !== undefined) return { ok: false, problem: 'both' };
  const envText = flags.dataDir === undefined ? flags.envBrokers?.trim() || undefined : undefined;
  const text = flags.brokers ?? envText;
  const dataDir = flags.dataDir ?? flags.defaultDataDir ?? DEFAULT_DATA_DIR;
  if (text === undefined) return { ok: true, store: { kind: 'local', dataDir } };
  const parsed = parseBrokerList(text);
  if (!parsed.ok) {
    const source = flags.brokers === undefined ? 'env' : 'flag';
    const entry = parsed.entry === undefined ? {} : { entry: parsed.entry };
    return { ok: false, problem: 'brokers', source, text, reason: parsed.problem, ...entry };
  }
  return { ok: true, store: topicStoreOf(parsed.brokers, dataDir) };
}

export interface OpenSinkOptions {
  /** The Kafka sink's options but the brokers. */
  readonly kafka?: Omit<KafkaSinkOptions, 'brokers'>;
  /** The local log's options but the data dir. */
  readonly local?: Omit<LocalLogOptions, 'dataDir'>;
}

/** The store with its sink. */
export type OpenedSink =
  | (Extract<TopicStore, { kind: 'kafka' }> & { readonly sink: KafkaSink })
  | (Extract<TopicStore, { kind: 'local' }> & { readonly sink: LocalLog });

/**
 * Creates the Kafka sink (it connects on the first append or `connect()`), or opens the local log
 * under the data dir (it fails when another process holds that log).
 */
export async function openSink(store: TopicStore, options: OpenSinkOptions = {}): Promise<OpenedSink> {
  if (store.kind === 'kafka') {
    return { ...store, sink: createKafkaSink({ ...options.kafka, brokers: store.brokers }) };
  }
  return { ...store, sink: await openLocalLog({ ...options.local, dataDir: store.dataDir }) };
}

/** `Kafka 127.0.0.1:9092` or `local log in ./data`, for a part's start-up line. */
export const describeTopicStore = (store: TopicStore): string =>
  store.kind === 'kafka' ? `Kafka ${store.brokers.join(',')}` : `local log in ${store.dataDir}`;
