/**
 * Typed errors of the stream layer. `retryable` tells a caller whether the same records may succeed
 * later (spool and retry) or never will (dead-letter them).
 */
export type SinkKind = 'kafka' | 'local-log' | 'memory';

export class SinkError extends Error {
  override readonly name: string = 'SinkError';
  readonly sink: SinkKind;
  readonly retryable: boolean;

  constructor(message: string, sink: SinkKind, retryable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.sink = sink;
    this.retryable = retryable;
  }
}

/** The storage cannot be reached or written right now (broker down, disk error, topic failed). */
export class SinkUnavailableError extends SinkError {
  override readonly name = 'SinkUnavailableError';
  constructor(message: string, sink: SinkKind, options?: { cause?: unknown }) {
    super(message, sink, true, options);
  }
}

/** No acknowledgement in time: the records may or may not have been stored. */
export class SinkTimeoutError extends SinkError {
  override readonly name = 'SinkTimeoutError';
  constructor(message: string, sink: SinkKind, options?: { cause?: unknown }) {
    super(message, sink, true, options);
  }
}

/** The records themselves are refused (bad topic name, too large, wrong shape): retrying cannot help. */
export class SinkRecordError extends SinkError {
  override readonly name = 'SinkRecordError';
  constructor(message: string, sink: SinkKind, options?: { cause?: unknown }) {
    super(message, sink, false, options);
  }
}

/** `append` after `close()`. */
export class SinkClosedError extends SinkError {
  override readonly name = 'SinkClosedError';
  constructor(sink: SinkKind) {
    super(`the ${sink} sink is closed`, sink, false);
  }
}

/** A reader was asked for a topic that does not exist. */
export class TopicNotFoundError extends Error {
  override readonly name = 'TopicNotFoundError';
  readonly topic: string;
  constructor(topic: string, hint: string) {
    super(`topic "${topic}" not found: ${hint}`);
    this.topic = topic;
  }
}

/** A local log file holds a line that is not a valid record (outside the torn tail recovery repairs). */
export class LogCorruptError extends Error {
  override readonly name = 'LogCorruptError';
  readonly file: string;
  readonly byteOffset: number;
  constructor(file: string, byteOffset: number, reason: string) {
    super(`corrupt record in ${file} at byte ${byteOffset}: ${reason}`);
    this.file = file;
    this.byteOffset = byteOffset;
  }
}

/** No local log where one was expected. */
export class LogNotFoundError extends Error {
  override readonly name = 'LogNotFoundError';
  readonly dir: string;
  constructor(dir: string) {
    super(
      `no local log in ${dir}: check --data-dir (the log lives in <data-dir>/log and appears on the first append)`,
    );
    this.dir = dir;
  }
}

/** Another live process holds the local log's directory. */
export class LogLockedError extends Error {
  override readonly name = 'LogLockedError';
  readonly pid: number;
  constructor(dir: string, pid: number) {
    super(
      `the local log in ${dir} is in use by process ${pid}; stop it or use another --data-dir (two writers would corrupt the log)`,
    );
    this.pid = pid;
  }
}

const hasName = (error: unknown, ...names: string[]): boolean =>
  error instanceof Error && names.includes(error.name);

export const isSinkError = (error: unknown): error is SinkError =>
  error instanceof SinkError ||
  hasName(
    error,
    'SinkError',
    'SinkUnavailableError',
    'SinkTimeoutError',
    'SinkRecordError',
    'SinkClosedError',
  );
export const isSinkUnavailableError = (error: unknown): error is SinkUnavailableError =>
  hasName(error, 'SinkUnavailableError');
export const isSinkTimeoutError = (error: unknown): error is SinkTimeoutError =>
  hasName(error, 'SinkTimeoutError');
export const isSinkRecordError = (error: unknown): error is SinkRecordError =>
  hasName(error, 'SinkRecordError');
export const isSinkClosedError = (error: unknown): error is SinkClosedError =>
  hasName(error, 'SinkClosedError');
export const isTopicNotFoundError = (error: unknown): error is TopicNotFoundError =>
  hasName(error, 'TopicNotFoundError');
export const isLogCorruptError = (error: unknown): error is LogCorruptError =>
  hasName(error, 'LogCorruptError');
export const isLogNotFoundError = (error: unknown): error is LogNotFoundError =>
  hasName(error, 'LogNotFoundError');
export const isLogLockedError = (error: unknown): error is LogLockedError => hasName(error, 'LogLockedError');
