/**
 * `inlet-cdc`: builds the sink (Kafka with the topics it writes, or the local durable log), starts the
 * collector and the health endpoint, stops cleanly on SIGINT/SIGTERM. Resolves with the exit code.
 */
import { errorMessage, TOPICS, type TopicSpec } from '@inlet/schemas';
import {
  createKafkaClient,
  ensureTopics,
  openSink,
  type Sink,
  type TopicStore,
  topicStoreOf,
  toStreamLogger,
} from '@inlet/streams';
import pino, { type Logger } from 'pino';
import { CDC_USAGE, type CdcCliArgs, parseCdcArgs } from './cli-args';
import { startCdcCollector } from './collector';
import { isCdcConfigError } from './errors';
import { type HealthServer, startHealthServer } from './health';
import { kafkaTail, localLogTail } from './stored-tail';
import { qualified } from './tables';

export interface CdcCliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the collector logs. Default: pino JSON lines on stderr. */
  readonly logger?: Logger;
}

const defaultIo: CdcCliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
};

/** The topics this run writes, as catalogue specs (per-table topics get the change topic's settings). */
export function cdcTopicSpecs(
  args: Pick<CdcCliArgs, 'tables' | 'topic' | 'topicPerTable' | 'serverName'>,
): TopicSpec[] {
  const base = TOPICS.cdcChanges;
  if (!args.topicPerTable) return [{ ...base, name: args.topic ?? base.name }];
  return args.tables.map((t) => ({ ...base, name: `${args.serverName ?? 'inlet'}.${qualified(t)}` }));
}

/** The local log, or Kafka with the topics this run writes, connected: a broker that is down fails the start. */
async function openCdcSink(args: CdcCliArgs, store: TopicStore, logger: Logger): Promise<Sink> {
  const streamLogger = toStreamLogger(logger.child({ component: 'kafka' }));
  const opened = await openSink(store, {
    kafka: { clientId: 'inlet-cdc', logger: streamLogger, retry: { retries: 3 } },
  });
  if (opened.kind === 'local') return opened.sink;
  const { sink, brokers } = opened;
  const admin = createKafkaClient({
    brokers,
    clientId: 'inlet-cdc-admin',
    logger: streamLogger,
    retry: { retries: 3 },
  }).admin();
  try {
    await admin.connect();
    await ensureTopics(admin, cdcTopicSpecs(args));
    await sink.connect();
  } catch (error) {
    await sink.close().catch(() => {});
    throw Object.assign(
      new Error(`cannot reach Kafka at ${brokers.join(',')}: ${(error as Error).message}`),
      {
        fix: 'check --brokers / KAFKA_BROKERS and that the brokers are up (npm run kafka -- start for a local one), or use --data-dir',
      },
    );
  } finally {
    await admin.disconnect().catch(() => {});
  }
  return sink;
}

export async function runCdcCli(argv: readonly string[], io: CdcCliIo = defaultIo): Promise<number> {
  const fail = (error: unknown) => {
    const fix = (error as { fix?: unknown }).fix;
    io.err(`inlet-cdc: ${errorMessage(error)}\n`);
    if (typeof fix === 'string') io.err(`Fix: ${fix}\n`);
  };
  let args: CdcCliArgs;
  try {
    args = parseCdcArgs(argv, io.env);
  } catch (error) {
    fail(error);
    io.err('Run inlet-cdc --help for the flags.\n');
    return 2;
  }
  if (args.help) {
    io.out(`${CDC_USAGE}\n`);
    return 0;
  }
  const logger = io.logger ?? pino({ name: 'inlet-cdc', level: args.logLevel }, pino.destination(2));
  let sink: Sink | undefined;
  let health: HealthServer | undefined;
  const stopSignals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  // Installed first: a stop requested while starting up is honoured as soon as the collector exists.
  let stop: (() => void) | undefined;
  let stopRequested = false;
  const onSignal = () => {
    logger.info({}, 'cdc stopping');
    stopRequested = true;
    stop?.();
  };
  for (const signal of stopSignals) process.once(signal, onSignal);
  try {
    const store = topicStoreOf(args.brokers, args.dataDir);
    sink = await openCdcSink(args, store, logger);
    logger.info(
      { sink: args.brokers ? 'kafka' : 'local-log', where: args.brokers?.join(',') ?? args.dataDir },
      'cdc sink ready',
    );
    const collector = await startCdcCollector({
      pgUrl: args.pgUrl,
      tables: args.tables,
      sink,
      snapshot: args.snapshot,
      topicPerTable: args.topicPerTable,
      jsonMode: args.jsonMode,
      logger,
      readTopicTail: args.brokers ? kafkaTail(args.brokers) : localLogTail(args.dataDir),
      ...(args.slot === undefined ? {} : { slot: args.slot }),
      ...(args.publication === undefined ? {} : { publication: args.publication }),
      ...(args.replicaIdentity === undefined ? {} : { replicaIdentity: args.replicaIdentity }),
      ...(args.topic === undefined ? {} : { topic: args.topic }),
      ...(args.serverName === undefined ? {} : { serverName: args.serverName }),
      ...(args.heartbeatMs === undefined ? {} : { heartbeatIntervalMs: args.heartbeatMs }),
    });
    stop = () => void collector.stop();
    if (stopRequested) stop();
    if (args.healthPort !== undefined) {
      health = await startHealthServer(
        { status: () => collector.status(), registry: collector.metrics.registry },
        args.healthPort,
        args.healthHost,
      );
      logger.info({ port: health.port }, 'cdc health endpoint on /health and /metrics');
    }
    await collector.done;
    logger.info({ confirmedLsn: collector.status().confirmedLsn }, 'cdc stopped');
    return 0;
  } catch (error) {
    fail(error);
    return isCdcConfigError(error) && error.kind === 'usage' ? 2 : 1;
  } finally {
    for (const signal of stopSignals) process.off(signal, onSignal);
    await health?.close();
    await sink?.close().catch(() => {});
    logger.flush?.();
  }
}
