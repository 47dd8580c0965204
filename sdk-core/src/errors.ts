import type { DropReason } from './stats';

/**
 * What went wrong: a bad option (`config`), events the gateway refused (`rejected`, dead-lettered,
 * never retried), or events given up on, coded by their drop reason (see `DROP_REASONS`).
 * `detail` carries the event, the rejections or the cause.
 */
export type InletErrorCode = 'config' | 'rejected' | DropReason;

export class InletError extends Error {
  override readonly name = 'InletError';
  constructor(
    readonly code: InletErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

export const isInletError = (error: unknown): error is InletError =>
  error instanceof Error && error.name === 'InletError';
