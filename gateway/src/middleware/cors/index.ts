/**
 * CORS for browser clients. A preflight carries no write key, so it is answered for an origin that
 * ANY key allows (cached with `Access-Control-Max-Age`); the actual request is re-checked against
 * its own key by the auth middleware. Responses to an allowed origin expose `Retry-After` so SDKs
 * can honour it.
 */
import { RETRY_AFTER_HEADER } from '@inlet/schemas';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Runtime } from '../../app/types';
import { originAllowedByAnyKey } from './origins';

export interface CorsOptions {
  /** Seconds a browser may cache a preflight. Default 86,400 (browsers cap it lower: Chrome 2 h). */
  readonly maxAgeSeconds?: number;
}

export const CORS_ALLOW_HEADERS = ['Content-Type', 'Content-Encoding', 'X-Write-Key', 'Authorization'];
const ALLOW_METHODS = 'GET, POST, OPTIONS';

export function cors(rt: Pick<Runtime, 'writeKeys'>, options: CorsOptions = {}) {
  const maxAge = String(options.maxAgeSeconds ?? 86_400);
  const keys = [...rt.writeKeys.values()];
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && originAllowedByAnyKey(keys, origin);
    const preflight =
      c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    c.header('Vary', 'Origin');
    if (allowed) c.header('Access-Control-Allow-Origin', origin);
    if (preflight) {
      if (!allowed) return c.body(null, 204);
      c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
      c.header('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS.join(', '));
      c.header('Access-Control-Max-Age', maxAge);
      return c.body(null, 204);
    }
    if (allowed) c.header('Access-Control-Expose-Headers', RETRY_AFTER_HEADER);
    await next();
    return undefined;
  });
}
