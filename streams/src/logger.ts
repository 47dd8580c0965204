/** The logging seam of the stream layer: one function, so callers route it into their own logger. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  /** Where it came from, e.g. `kafkajs:Producer` or `local-log`. */
  readonly namespace: string;
  readonly fields?: Readonly<Record<string, unknown>>;
}

export type StreamLogger = (entry: LogEntry) => void;

/**
 * A logger with a method per level taking fields, then a message: what the services log through.
 * A pino `Logger` fits it, so streams needs no pino to bridge to one.
 */
export interface StructuredLogger {
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

const nothing = (): void => {};
/** Logs nothing (tests, and callers that pass no logger). */
export const silentLogger: StructuredLogger = {
  error: nothing,
  warn: nothing,
  info: nothing,
  debug: nothing,
};

/** Routes the stream layer's entries (kafkajs, the local log) into a service's logger. */
export const toStreamLogger =
  (logger: StructuredLogger): StreamLogger =>
  ({ level, message, namespace, fields }) =>
    logger[level]({ namespace, ...fields }, message);

/** An `err` field as pino writes it: `JSON.stringify` alone turns an Error into `{}`. */
const withErrors = (_key: string, value: unknown): unknown =>
  value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value;

/** Default logger: one JSON line on stderr. Levels are filtered before it is called. */
export const stderrLogger: StreamLogger = (entry) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry }, withErrors)}\n`);
};

const rank = (level: LogLevel): number => LOG_LEVELS.indexOf(level);

/** Wraps a logger so it only sees entries at `level` or more severe. */
export function filterLogger(logger: StreamLogger, level: LogLevel | 'silent'): StreamLogger {
  if (level === 'silent') return () => {};
  const max = rank(level);
  return (entry) => {
    if (rank(entry.level) <= max) logger(entry);
  };
}
