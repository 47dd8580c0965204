/**
 * `inlet-gateway`: config → (cluster primary | one gateway process) → signal handling. Errors a user
 * can fix (bad config, port taken, data dir locked) print one line and exit non-zero.
 */

import cluster from 'node:cluster';
import { errorMessage } from '@inlet/schemas';
import type { DevKey } from '../config/dev-key';
import { isConfigError } from '../config/errors';
import type { Env } from '../config/flags';
import { loadConfig, parseResolvedConfig, type ResolvedConfig } from '../config/load';
import { runPrimary, WORKER_CONFIG_ENV, WORKER_SLOT_ENV } from './cluster';
import { createServerLogger } from './logger';
import { handleShutdownSignals } from './shutdown';
import { startGateway } from './start';

const fail = (message: string, code: number): void => {
  process.stderr.write(`inlet-gateway: ${message}\n`);
  process.exitCode = code;
};

const devKeyNotice = ({ writeKey, file }: DevKey): string =>
  [
    'inlet-gateway: no write key configured; using a development key (loopback only):',
    `  ${writeKey.key}`,
    file
      ? `  (kept in ${file}; configure real keys with --write-key or writeKeys in --config)`
      : '  (could not be saved: a new one is made at every start)',
    '',
  ].join('\n');

export async function main(
  argv: readonly string[] = process.argv.slice(2),
  env: Env = process.env,
): Promise<void> {
  if (cluster.isWorker) return runWorker(env);
  let loaded: Awaited<ReturnType<typeof loadConfig>>;
  try {
    loaded = await loadConfig({ argv, env });
  } catch (error) {
    if (isConfigError(error)) return fail(error.message, 2);
    throw error;
  }
  if (loaded.kind === 'help') {
    process.stdout.write(loaded.text);
    return;
  }
  const { config, devKey } = loaded;
  if (devKey) process.stderr.write(devKeyNotice(devKey));
  if (config.workers > 1) {
    runPrimary(config, createServerLogger(config, { role: 'primary' }));
    return;
  }
  await runSingle(config);
}

async function runSingle(config: ResolvedConfig, slot?: number): Promise<void> {
  const logger = createServerLogger(config, slot === undefined ? {} : { worker: slot });
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  try {
    gateway = await startGateway(config, { logger, ...(slot === undefined ? {} : { slot }) });
  } catch (error) {
    logger.flush();
    return fail(errorMessage(error), 1);
  }
  const flushThenExit = (code: number) => {
    logger.flush();
    process.exit(code);
  };
  const stop = handleShutdownSignals(gateway.stop, {
    timeoutMs: config.shutdownTimeoutMs,
    logger,
    // A worker leaves Ctrl-C to the primary, which turns it into SIGTERM.
    signals: slot === undefined ? ['SIGTERM', 'SIGINT'] : ['SIGTERM'],
    exit: flushThenExit,
  });
  if (slot !== undefined) {
    process.on('SIGINT', () => {});
    process.on('disconnect', () => stop('primary gone'));
  }
}

async function runWorker(env: Env): Promise<void> {
  const json = env[WORKER_CONFIG_ENV];
  const slot = Number(env[WORKER_SLOT_ENV]);
  if (json === undefined || !Number.isSafeInteger(slot)) {
    return fail(`a cluster worker needs ${WORKER_CONFIG_ENV} and ${WORKER_SLOT_ENV} from its primary`, 2);
  }
  await runSingle(parseResolvedConfig(json), slot);
}
