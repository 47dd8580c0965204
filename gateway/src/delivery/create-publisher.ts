/**
 * Builds the publisher the config asks for: the local log (`--sink local`), or Kafka with a spool.
 * Directories: the local sink writes `<dir>/log/<topic>/`; the spool lives in `<dir>/spool/log/<topic>/`
 * with its replay positions in `<dir>/spool/replay-positions.json`. A cluster worker gets its own
 * `<dir>` (see `workerDataDir`), so two processes never write one log.
 */
import { join } from 'node:path';
import {
  createKafkaSink,
  type KafkaSink,
  openLocalLog,
  type StreamLogger,
  type StructuredLogger,
  silentLogger,
} from '@inlet/streams';
import type { ResolvedConfig } from '../config/load';
import { adoptSpools, orphanSpoolDirs } from './adopt-spools';
import { KafkaSpoolPublisher, type KafkaSpoolPublisherOptions } from './kafka-spool-publisher';
import { LocalPublisher } from './local-publisher';
import type { Publisher } from './publisher';
import { ReplayPositions } from './replay-positions';

export const SPOOL_DIR = 'spool';
export const REPLAY_POSITIONS_FILE = 'replay-positions.json';

/** Worker `slot` of a `--workers N` cluster keeps its log and spool under `<dataDir>/worker-<slot>`. */
export const workerDataDir = (dataDir: string, slot: number | undefined): string =>
  slot === undefined ? dataDir : join(dataDir, `worker-${slot}`);

/** Spool segments: small enough that replayed ones are deleted (and the quota freed) well before it fills. */
export const spoolSegmentBytes = (quotaBytes: number): number =>
  Math.min(64 * 1024 * 1024, Math.max(64 * 1024, Math.floor(quotaBytes / 16)));

export interface CreatePublisherOptions {
  /** Worker slot of a `--workers N` cluster: the log or spool goes under `<dataDir>/worker-<slot>`. Default: none. */
  readonly slot?: number;
  readonly logger?: StructuredLogger;
  /** Log entries of the stream layer (kafkajs, local log). Default: dropped. */
  readonly streamLogger?: StreamLogger;
  /** Kafka client id. Default `inlet-gateway`. */
  readonly clientId?: string;
  /** Overrides for tests and benchmarks. */
  readonly kafkaSpool?: Pick<
    KafkaSpoolPublisherOptions,
    'replay' | 'switchBackHoldMs' | 'spoolFullRetryAfterSeconds'
  >;
}

export interface CreatedPublisher {
  readonly publisher: Publisher;
  /** The Kafka sink, when the sink is Kafka (connected in the background; the server reports its state). */
  readonly kafka?: KafkaSink;
  /** The directory of the local log or of the spool. */
  readonly storageDir: string;
}

export async function createPublisher(
  config: ResolvedConfig,
  options: CreatePublisherOptions = {},
): Promise<CreatedPublisher> {
  const dataDir = workerDataDir(config.dataDir, options.slot);
  const logger = options.logger ?? silentLogger;
  const streamLogger: StreamLogger = options.streamLogger ?? (() => {});
  if (config.sink === 'local') {
    const log = await openLocalLog({ dataDir, logger: streamLogger, logLevel: 'warn' });
    return {
      // No time window (`coalesceMs` is for Kafka): the log's group commit already gathers what arrives while
      // an fsync runs, and a window only adds its length to every request (fewer publishes/s with
      // many concurrent callers).
      publisher: new LocalPublisher(log, { coalesceMs: 0 }),
      storageDir: join(dataDir, 'log'),
    };
  }
  const spoolDir = join(dataDir, SPOOL_DIR);
  const spool = await openLocalLog({
    dataDir: spoolDir,
    segmentBytes: spoolSegmentBytes(config.spoolQuotaBytes),
    logger: streamLogger,
    logLevel: 'warn',
  });
  const loaded = await ReplayPositions.load(join(spoolDir, REPLAY_POSITIONS_FILE));
  if (loaded.problem) logger.warn({ file: loaded.positions.file }, loaded.problem);
  const kafka = createKafkaSink({
    brokers: config.brokers,
    clientId: options.clientId ?? 'inlet-gateway',
    logger: streamLogger,
    // The delivery layer logs every failure with kafkajs's message; its own retry chatter only when debugging.
    logLevel: config.logLevel === 'debug' || config.logLevel === 'trace' ? 'error' : 'silent',
    // Few, short retries inside kafkajs: a batch it cannot send goes to the spool, whose replayer retries for good.
    retry: { retries: 3, initialRetryTimeMs: 200, maxRetryTimeMs: 2_000 },
  });
  const orphans = await orphanSpoolDirs({
    root: config.dataDir,
    slot: options.slot,
    workers: config.workers,
    spoolDir: SPOOL_DIR,
  });
  const adopted = await adoptSpools(orphans, kafka, {
    positionsFile: REPLAY_POSITIONS_FILE,
    logger,
    streamLogger,
    ...(options.kafkaSpool?.replay ? { replay: options.kafkaSpool.replay } : {}),
  });
  const publisher = new KafkaSpoolPublisher(kafka, spool, loaded.positions, {
    coalesceMs: config.coalesceMs,
    produceTimeoutMs: config.produceTimeoutMs,
    spoolQuotaBytes: config.spoolQuotaBytes,
    logger,
    beforeKafkaClose: () => adopted.stop(),
    ...options.kafkaSpool,
  });
  publisher.start();
  kafka.connect().then(
    () => logger.info({ brokers: config.brokers }, 'connected to Kafka'),
    (error: unknown) =>
      logger.warn(
        { brokers: config.brokers, err: error },
        'cannot reach Kafka yet; events go to the spool until it can',
      ),
  );
  return { publisher, kafka, storageDir: join(spoolDir, 'log') };
}
