/**
 * Graceful shutdown: the first SIGTERM/SIGINT runs `stop` (stop accepting, finish in-flight requests,
 * flush the publisher, close the log and the producer) within `timeoutMs`; a second signal, or the
 * deadline, ends the process at once.
 */

import type { Server } from 'node:http';
import type { Logger } from 'pino';

export interface ShutdownOptions {
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** Default SIGTERM and SIGINT. */
  readonly signals?: readonly NodeJS.Signals[];
  /** Default `process.exit`. */
  readonly exit?: (code: number) => void;
}

/** Installs the signal handlers; returns a function that runs the same shutdown without a signal. */
export function handleShutdownSignals(
  stop: () => Promise<void>,
  options: ShutdownOptions,
): (reason: string) => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const { logger, timeoutMs } = options;
  let stopping = false;
  const begin = (reason: string) => {
    if (stopping) {
      logger.warn({ reason }, 'second shutdown request: exiting now');
      exit(130);
      return;
    }
    stopping = true;
    logger.info({ reason, timeoutMs }, 'shutting down: finishing in-flight requests and flushing events');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'graceful shutdown took too long: exiting');
      exit(1);
    }, timeoutMs);
    deadline.unref();
    stop().then(
      () => {
        clearTimeout(deadline);
        logger.info({}, 'shut down cleanly');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, () => begin(signal));
  return begin;
}

/**
 * Stops accepting connections and resolves once every in-flight request has been answered. Idle
 * keep-alive connections are closed as they become idle; whatever is left at `forceAfterMs` is cut.
 */
export function closeServer(server: Server, forceAfterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const force = setTimeout(() => server.closeAllConnections(), forceAfterMs);
    sweep.unref();
    force.unref();
    server.close((error) => {
      clearInterval(sweep);
      clearTimeout(force);
      if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
