/**
 * The head limits the app enforces on every route before anything else reads the request: a URL
 * over `maxUrlBytes` is a 414, header lines over `maxHeaderBytes` or `maxHeaderCount` a 431 (see
 * `REQUEST_LIMITS`).
 */
import { createMiddleware } from 'hono/factory';
import { GatewayError } from '../../app/errors';
import { REQUEST_LIMITS } from '../../app/request-limits';
import type { AppEnv } from '../../app/types';

const PIXEL_PREFIX = '/v1/pixel/';

/** Bytes of the path and query string of an absolute URL (`c.req.url`). */
export function urlBytes(url: string): number {
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  return pathStart < 0 ? 0 : Buffer.byteLength(url) - Buffer.byteLength(url.slice(0, pathStart));
}

/** Bytes the header lines took on the wire (`name: value\r\n` each), and how many names. */
export function headerSize(headers: Headers): { bytes: number; count: number } {
  let bytes = 0;
  let count = 0;
  headers.forEach((value, name) => {
    bytes += name.length + Buffer.byteLength(value) + 4;
    count++;
  });
  return { bytes, count };
}

export interface RequestLimitOptions {
  /** Default `REQUEST_LIMITS.maxUrlBytes` (16 KiB). */
  readonly maxUrlBytes?: number;
  /** Default `REQUEST_LIMITS.maxHeaderBytes` (32 KiB). */
  readonly maxHeaderBytes?: number;
  /** Default `REQUEST_LIMITS.maxHeaderCount` (100). */
  readonly maxHeaderCount?: number;
}

export function requestLimits(options: RequestLimitOptions = {}) {
  const maxUrl = options.maxUrlBytes ?? REQUEST_LIMITS.maxUrlBytes;
  const maxHeaders = options.maxHeaderBytes ?? REQUEST_LIMITS.maxHeaderBytes;
  const maxCount = options.maxHeaderCount ?? REQUEST_LIMITS.maxHeaderCount;
  return createMiddleware<AppEnv>(async (c, next) => {
    // An <img> cannot read JSON: the pixel route answers its errors with the GIF, these too.
    if (c.req.path.startsWith(PIXEL_PREFIX)) c.set('errorFormat', 'gif');
    const url = urlBytes(c.req.url);
    if (url > maxUrl) {
      throw new GatewayError(
        'uri_too_long',
        `the path and query string take ${url} bytes, more than ${maxUrl}; send the event in a POST body`,
      );
    }
    const headers = headerSize(c.req.raw.headers);
    if (headers.bytes > maxHeaders || headers.count > maxCount) {
      throw new GatewayError(
        'headers_too_large',
        `the request has ${headers.count} headers taking ${headers.bytes} bytes, more than ${maxCount} or ${maxHeaders}; send fewer or smaller headers (cookies?)`,
      );
    }
    await next();
  });
}
