/** The collector's typed errors: each message says what is wrong and how to fix it. */

/** Bad flags, environment or database setup; the CLI exits with code 2 (usage) or 1 (database setup). */
export class CdcConfigError extends Error {
  override readonly name = 'CdcConfigError';
  /** What to do about it, on its own line in the CLI output. */
  readonly fix: string | undefined;
  /** `usage` for bad flags (exit 2), `setup` for a database that is not ready for CDC (exit 1). */
  readonly kind: 'usage' | 'setup';

  constructor(message: string, options: { fix?: string; kind?: 'usage' | 'setup'; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.fix = options.fix;
    this.kind = options.kind ?? 'setup';
  }
}

export const isCdcConfigError = (error: unknown): error is CdcConfigError =>
  error instanceof Error && error.name === 'CdcConfigError';

/** The replication stream or the sink failed in a way the collector cannot ride out. */
export class CdcStreamError extends Error {
  override readonly name = 'CdcStreamError';
}

export const isCdcStreamError = (error: unknown): error is CdcStreamError =>
  error instanceof Error && error.name === 'CdcStreamError';
