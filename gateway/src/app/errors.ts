/**
 * The gateway's typed errors. Middleware and handlers throw them; `onError` turns each into the
 * contract's JSON error body (or the pixel GIF) with its status and `Retry-After`.
 */
import { ERROR_STATUS, type ErrorCode, type ErrorResponse, type Issue } from '@inlet/schemas';

export interface GatewayErrorOptions {
  readonly issues?: readonly Issue[];
  /** Sent as `Retry-After` (seconds). */
  readonly retryAfterSeconds?: number;
  /** Overrides the code's status (only for the 500 of an unexpected failure). */
  readonly status?: number;
  readonly cause?: unknown;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: readonly Issue[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? ERROR_STATUS[code];
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const isGatewayError = (error: unknown): error is GatewayError => error instanceof GatewayError;

export const invalidBody = (message: string, issues?: readonly Issue[]) =>
  new GatewayError('invalid_body', message, issues === undefined ? {} : { issues });

export const payloadTooLarge = (maxBytes: number, what = 'request body') =>
  new GatewayError(
    'payload_too_large',
    `${what} is larger than ${maxBytes} bytes; send fewer events per request`,
  );

export const unavailable = (message: string, retryAfterSeconds: number) =>
  new GatewayError('unavailable', message, { retryAfterSeconds });

/** The contract's error body. */
export function errorBody(code: ErrorCode, message: string, issues?: readonly Issue[]): ErrorResponse {
  return {
    ok: false,
    error: { code, message, ...(issues === undefined || issues.length === 0 ? {} : { issues: [...issues] }) },
  };
}
