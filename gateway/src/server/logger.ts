/** The server's logger (the app's redacting pino logger, tagged per process) and the bridge that routes the stream layer's logs into it. */
import type { StreamLogger } from '@inlet/streams';
import type { Logger } from 'pino';
import { createLogger } from '../app/logger';
import type { ResolvedConfig } from '../config/load';

export function createServerLogger(
  config: Pick<ResolvedConfig, 'logLevel'>,
  bindings: Record<string, unknown> = {},
): Logger {
  return createLogger(config).child({ pid: process.pid, ...bindings });
}

/** kafkajs and the local log report through this. */
export const toStreamLogger =
  (logger: Logger): StreamLogger =>
  ({ level, message, namespace, fields }) =>
    logger[level]({ namespace, ...fields }, message);
