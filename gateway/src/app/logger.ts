/** The gateway's pino logger: JSON lines, with anything that could hold a secret redacted. */
import { type DestinationStream, type Logger, pino } from 'pino';
import type { GatewayConfig } from '../config/schema';

/** Paths pino censors, should a write key or token ever reach a log call. */
export const LOG_REDACT_PATHS = [
  'writeKey',
  '*.writeKey',
  'key',
  '*.key',
  'adminToken',
  '*.adminToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers["x-write-key"]',
  '*.headers.authorization',
  '*.headers["x-write-key"]',
];

export function createLogger(
  config: Pick<GatewayConfig, 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'inlet-gateway' },
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
