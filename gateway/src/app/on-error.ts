/**
 * The one place errors become responses. `GatewayError`s (and Hono's `HTTPException`s) carry their
 * contract status; anything else is a bug: 500 with `Retry-After`, so the client keeps its events.
 */
import { type ErrorCode, RETRY_AFTER_HEADER } from '@inlet/schemas';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorBody, GatewayError, isGatewayError } from './errors';
import { gifResponse } from './pixel-gif';
import type { AppEnv } from './types';

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid_body',
  401: 'unknown_write_key',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

function toGatewayError(error: Error): GatewayError {
  if (isGatewayError(error)) return error;
  if (error instanceof HTTPException) {
    const code = CODE_BY_STATUS[error.status];
    if (code !== undefined) return new GatewayError(code, error.message || code, { cause: error });
  }
  return new GatewayError('unavailable', 'internal error: nothing was stored; retry later', {
    status: 500,
    retryAfterSeconds: 1,
    cause: error,
  });
}

function respond(c: Context<AppEnv>, error: GatewayError): Response {
  if (error.retryAfterSeconds !== undefined) c.header(RETRY_AFTER_HEADER, String(error.retryAfterSeconds));
  const status = error.status as ContentfulStatusCode;
  if (c.get('errorFormat') === 'gif') return gifResponse(c, status, { 'X-Inlet-Error': error.code });
  return c.json(errorBody(error.code, error.message, error.issues), status);
}

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  const mapped = toGatewayError(error);
  // Keep the original for the request log (observe reads `c.error`).
  c.error = error;
  return respond(c, mapped);
};

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  respond(c, new GatewayError('not_found', `no route ${c.req.method} ${c.req.path}; see /docs`));
