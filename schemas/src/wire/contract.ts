/**
 * The gateway's wire contract: routes, auth, content types, status and error codes, and the
 * request/response bodies. `docs/wire-contract.md` explains it for people.
 */
import * as z from 'zod';
import { isoDateTime, jsonObject } from '../event/common';
import { limitsRefinement } from '../event/variants';
import { IssueSchema } from '../issues';
import { LIMITS } from '../limits';

export const BATCH_PATH = '/v1/batch';

/** Types with their own route, `POST /v1/<type>`, body = the event. `click` and `log` go through the batch route. */
export const SINGLE_EVENT_TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias'] as const;
export type SingleEventType = (typeof SINGLE_EVENT_TYPES)[number];

export const SINGLE_EVENT_PATHS: Readonly<Record<SingleEventType, string>> = {
  track: '/v1/track',
  page: '/v1/page',
  screen: '/v1/screen',
  identify: '/v1/identify',
  group: '/v1/group',
  alias: '/v1/alias',
};

/** Auth, in the order the gateway looks: Basic (write key as user name), this header, `writeKey` in the body, `?writeKey=`. */
export const WRITE_KEY_HEADER = 'x-write-key';
export const WRITE_KEY_PARAM = 'writeKey';

/**
 * The body is JSON under each of them. `text/plain` is what `navigator.sendBeacon` sends without a
 * CORS preflight; `application/x-www-form-urlencoded` is what RudderStack's Node SDK sends (axios
 * labels its gzipped JSON Buffer so), and its users must not have to change their client.
 */
export const CONTENT_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded'] as const;
/** Besides no encoding (`identity`). The size limit applies to the decompressed body. */
export const CONTENT_ENCODINGS = ['gzip'] as const;

export const RETRY_AFTER_HEADER = 'retry-after';

export const HTTP_STATUS = {
  ok: 200,
  badRequest: 400,
  unauthorized: 401,
  notFound: 404,
  requestTimeout: 408,
  payloadTooLarge: 413,
  uriTooLong: 414,
  unsupportedMediaType: 415,
  tooManyRequests: 429,
  headerFieldsTooLarge: 431,
  serviceUnavailable: 503,
} as const;
export type HttpStatus = (typeof HTTP_STATUS)[keyof typeof HTTP_STATUS];

export const ERROR_CODES = {
  /** Not JSON, or the envelope is wrong (`batch` missing, not an array, too many events…). */
  invalidBody: 'invalid_body',
  missingWriteKey: 'missing_write_key',
  unknownWriteKey: 'unknown_write_key',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  unsupportedEncoding: 'unsupported_encoding',
  notFound: 'not_found',
  /** The HTTP request itself is malformed (request line, header syntax, framing): nothing was read as JSON. */
  invalidRequest: 'invalid_request',
  /** The request line and headers did not arrive in time. */
  requestTimeout: 'request_timeout',
  /** Path and query string too long (put the event in a POST body instead). */
  uriTooLong: 'uri_too_long',
  /** Header lines too large in total. */
  headersTooLarge: 'headers_too_large',
  /** Sent with `Retry-After`. */
  rateLimited: 'rate_limited',
  /** Kafka unreachable or the gateway shutting down; sent with `Retry-After`. */
  unavailable: 'unavailable',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** The status each error code is sent with. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, HttpStatus>> = {
  invalid_body: HTTP_STATUS.badRequest,
  missing_write_key: HTTP_STATUS.unauthorized,
  unknown_write_key: HTTP_STATUS.unauthorized,
  payload_too_large: HTTP_STATUS.payloadTooLarge,
  unsupported_media_type: HTTP_STATUS.unsupportedMediaType,
  unsupported_encoding: HTTP_STATUS.unsupportedMediaType,
  not_found: HTTP_STATUS.notFound,
  invalid_request: HTTP_STATUS.badRequest,
  request_timeout: HTTP_STATUS.requestTimeout,
  uri_too_long: HTTP_STATUS.uriTooLong,
  headers_too_large: HTTP_STATUS.headerFieldsTooLarge,
  rate_limited: HTTP_STATUS.tooManyRequests,
  unavailable: HTTP_STATUS.serviceUnavailable,
};

/** Statuses after which a client may send the same request again (after `Retry-After`, when given). */
export const RETRYABLE_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

/** A batch-level `context` is checked for forbidden keys and depth here; its fields are checked per event after merging. */
const batchContext = z.unknown().superRefine(limitsRefinement(LIMITS)).pipe(jsonObject);

/**
 * `POST /v1/batch`. The envelope only: `batch` is an array of unknown so the gateway can validate
 * each event on its own (`parseEvent(event, index)`) and accept the valid ones.
 */
export const BatchRequestSchema = z.looseObject({
  batch: z.array(z.unknown()).max(LIMITS.maxBatchEvents),
  sentAt: isoDateTime.optional(),
  writeKey: z.string().min(1).optional(),
  context: batchContext.optional(),
});
export type BatchRequest = z.output<typeof BatchRequestSchema>;

export const RejectedEventSchema = z.object({
  /** Position in `batch` (0 for a single-event route). */
  index: z.int().nonnegative(),
  messageId: z.string().optional(),
  errors: z.array(IssueSchema).min(1),
});
export type RejectedEvent = z.output<typeof RejectedEventSchema>;

/** 200 for every route: what was accepted, and each rejected event (dead-lettered; do not retry it). */
export const BatchResponseSchema = z.object({
  ok: z.literal(true),
  accepted: z.int().nonnegative(),
  rejected: z.array(RejectedEventSchema),
});
export type BatchResponse = z.output<typeof BatchResponseSchema>;

export const ErrorResponseSchema = z.object({
  ok: z.literal(false),
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(IssueSchema).optional(),
  }),
});
export type ErrorResponse = z.output<typeof ErrorResponseSchema>;

/** Either body a client may get back. */
export const GatewayResponseSchema = z.discriminatedUnion('ok', [BatchResponseSchema, ErrorResponseSchema]);
export type GatewayResponse = z.output<typeof GatewayResponseSchema>;
