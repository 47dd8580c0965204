/**
 * `--workers N`: a node:cluster primary forks N workers that share the port (the primary hands out
 * connections round-robin). Worker `slot` k keeps its log or spool in `<data-dir>/worker-k`, so two
 * processes never write one log; a worker that dies is restarted in the same slot (and so replays
 * its own spool), with backoff when it keeps dying at start.
 *
 * Signals: the primary turns SIGTERM/SIGINT into SIGTERM for every worker and waits for them to
 * finish their graceful shutdown; a second signal kills them. Workers ignore SIGINT (a terminal's
 * Ctrl-C reaches the whole process group) and stop when the primary goes away.
 */
import cluster, { type Worker } from 'node:cluster';
import { exponentialDelay } from '@inlet/schemas';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config/load';

export const WORKER_CONFIG_ENV = 'INLET_GATEWAY_WORKER_CONFIG';
export const WORKER_SLOT_ENV = 'INLET_GATEWAY_WORKER_SLOT';

/** A worker that dies within this long of starting counts as crashing at start. */
const STABLE_AFTER_MS = 10_000;

export function runPrimary(config: ResolvedConfig, logger: Logger): void {
  const workers = new Map<number, Worker>();
  const crashes = new Map<number, number>();
  let stopping = false;
  let listening = 0;

  const finish = (code: number) => {
    logger.info({ code }, 'gateway primary exiting');
    process.exit(code);
  };

  const fork = (slot: number) => {
    const startedAt = Date.now();
    const worker = cluster.fork({
      [WORKER_CONFIG_ENV]: JSON.stringify(config),
      [WORKER_SLOT_ENV]: String(slot),
    });
    workers.set(slot, worker);
    worker.on('exit', (code, signal) => {
      workers.delete(slot);
      if (stopping) {
        if (workers.size === 0) finish(0);
        return;
      }
      const early = Date.now() - startedAt < STABLE_AFTER_MS;
      const crashCount = early ? (crashes.get(slot) ?? 0) + 1 : 0;
      crashes.set(slot, crashCount);
      const delayMs =
        crashCount === 0 ? 0 : exponentialDelay({ attempt: crashCount - 1, base: 500, cap: 30_000 });
      logger.error({ slot, code, signal, restartInMs: delayMs }, 'gateway worker exited; restarting it');
      setTimeout(() => {
        if (!stopping) fork(slot);
      }, delayMs);
    });
  };

  cluster.on('listening', (_worker, address) => {
    listening++;
    if (listening === config.workers) {
      logger.info(
        { workers: config.workers, host: config.host, port: address.port },
        'all gateway workers listening',
      );
    }
  });

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second shutdown request: killing the workers');
      for (const w of workers.values()) w.process.kill('SIGKILL');
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal, workers: workers.size }, 'stopping the gateway workers');
    if (workers.size === 0) finish(0);
    for (const w of workers.values()) w.process.kill('SIGTERM');
    // The workers bound their own shutdown by shutdownTimeoutMs; this is the backstop.
    setTimeout(() => {
      logger.error({}, 'workers did not stop in time: killing them');
      for (const w of workers.values()) w.process.kill('SIGKILL');
      finish(1);
    }, config.shutdownTimeoutMs + 2_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  for (let slot = 0; slot < config.workers; slot++) fork(slot);
}
