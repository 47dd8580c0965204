/** `inlet-processor`: flags → the Kafka or embedded runtime, the health server, signals, exit codes. */

import { serve } from '@hono/node-server';
import { errorMessage } from '@inlet/schemas';
import { toStreamLogger } from '@inlet/streams';
import pino, { type Logger } from 'pino';
import { EmbeddedProcessor } from '../embedded/embedded-processor';
import { KafkaProcessor } from '../kafka/kafka-processor';
import { createHealthApp } from '../ops/health-app';
import { createMetrics } from '../ops/metrics';
import type { ProcessorStats } from '../runtime/stats';
import { isProcessorConfigError, type ProcessorConfig, parseProcessorArgs, USAGE } from './args';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

interface Runtime {
  readonly stats: ProcessorStats;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Why a part could not start, and the fix, in one line. */
function startFailure(config: ProcessorConfig, error: unknown): string {
  const message = errorMessage(error);
  if (
    config.brokers !== undefined &&
    /ECONNREFUSED|Connection error|connect|ETIMEDOUT|ENOTFOUND/i.test(message)
  ) {
    return `cannot reach Kafka at ${config.brokers.join(',')} (${message}); start one with \`npm run kafka -- start\` or fix --brokers / KAFKA_BROKERS`;
  }
  if (/locked|LOCK/i.test(message)) {
    return `cannot open the local log in ${config.dataDir} (${message}); another inlet-processor uses it: stop it or pass another --data-dir`;
  }
  return message;
}

export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  let config: ProcessorConfig;
  try {
    const parsed = parseProcessorArgs(argv, env);
    if (parsed.help) {
      process.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    config = parsed.config;
  } catch (error) {
    if (!isProcessorConfigError(error)) throw error;
    process.stderr.write(`inlet-processor: ${error.message}\n`);
    return EXIT.usage;
  }
  const log: Logger = pino({ level: config.logLevel, base: { name: 'inlet-processor', pid: process.pid } });
  const mode = config.brokers === undefined ? 'embedded' : 'kafka';
  let fatal: (error: unknown) => void = () => {};
  const failed = new Promise<unknown>((resolve) => {
    fatal = resolve;
  });
  let healthPort: number | undefined;
  const onReady = () =>
    log.info(
      mode === 'kafka'
        ? { mode, group: config.group, brokers: config.brokers, health: healthPort }
        : { mode, dataDir: config.dataDir, inputDirs: config.inputDirs, health: healthPort },
      'inlet-processor ready',
    );
  const core = {
    windowMs: config.windowMs,
    ...(config.hopMs === undefined ? {} : { hopMs: config.hopMs }),
    outOfOrdernessMs: config.outOfOrdernessMs,
    graceMs: config.graceMs,
    idleMs: config.idleMs,
  };
  const runtime: Runtime =
    config.brokers === undefined
      ? new EmbeddedProcessor({
          ...core,
          dataDir: config.dataDir,
          inputDirs: config.inputDirs,
          topics: config.topics,
          log,
        })
      : new KafkaProcessor({
          ...core,
          brokers: config.brokers,
          groupId: config.group,
          topics: config.topics,
          transactionTimeoutMs: config.transactionTimeoutMs,
          log,
          streamLogger: toStreamLogger(log),
          onReady,
          onFatal: (error) => fatal(error),
        });

  let server: ReturnType<typeof serve> | undefined;
  if (config.healthPort !== undefined) {
    const app = createHealthApp(runtime.stats, createMetrics(runtime.stats), mode);
    try {
      server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port: config.healthPort ?? 0, hostname: '127.0.0.1' }, (info) => {
          healthPort = info.port;
          resolve(s);
        });
        s.once('error', reject);
      });
    } catch (error) {
      log.fatal(
        { err: error },
        `health server cannot listen on 127.0.0.1:${config.healthPort}; pass another --health port`,
      );
      return EXIT.failure;
    }
  }

  let signals = 0;
  let stopRequested: () => void = () => {};
  const stopping = new Promise<void>((resolve) => {
    stopRequested = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(EXIT.failure);
    }
    log.info({ signal }, 'stopping: finishing and committing the batch in flight');
    stopRequested();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    await runtime.start();
  } catch (error) {
    log.fatal({ mode }, `inlet-processor cannot start: ${startFailure(config, error)}`);
    await runtime.stop().catch(() => {});
    server?.close();
    return EXIT.failure;
  }
  if (mode === 'embedded') onReady();
  // The runtimes' timers are unref()'d (a library must not hold a process open); the bin runs until a signal.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const outcome = await Promise.race([stopping.then(() => 'stop' as const), failed.then((e) => e)]);
  await runtime.stop().catch((error: unknown) => log.error({ err: error }, 'error while stopping'));
  clearInterval(keepAlive);
  server?.close();
  if (outcome !== 'stop') {
    log.fatal(
      { err: outcome },
      'inlet-processor stopped: the Kafka consumer failed for good; restart it (state and offsets are committed)',
    );
    return EXIT.failure;
  }
  log.info({ recordsIn: runtime.stats.recordsIn, commits: runtime.stats.commits }, 'inlet-processor stopped');
  return EXIT.ok;
}
