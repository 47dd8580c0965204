/** The server's logger: the app's redacting pino logger, tagged per process. */
import type { Logger } from 'pino';
import { createLogger } from '../app/logger';
import type { ResolvedConfig } from '../config/load';

export function createServerLogger(
  config: Pick<ResolvedConfig, 'logLevel'>,
  bindings: Record<string, unknown> = {},
): Logger {
  return createLogger(config).child({ pid: process.pid, ...bindings });
}
