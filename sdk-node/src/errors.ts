/** Errors of the durable file queue; each has a `name` and a guard. */

export type FileQueueErrorCode = 'locked' | 'failed' | 'closed';

export class FileQueueError extends Error {
  override readonly name = 'FileQueueError';
  constructor(
    readonly code: FileQueueErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const isFileQueueError = (error: unknown): error is FileQueueError =>
  error instanceof Error && error.name === 'FileQueueError';
