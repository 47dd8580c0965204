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

/** Default logger: one JSON line on stderr. Levels are filtered before it is called. */
export const stderrLogger: StreamLogger = (entry) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
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
