/**
 * Write-key auth for the ingest routes, in the contract's order: Basic, `X-Write-Key`, `writeKey`
 * in the body, `?writeKey=`. A key in a header is checked before the body is read; otherwise the
 * body is read (through `c.var.body()`) to look for one. A request from a browser origin the key
 * does not allow is refused too, so a key copied from one site cannot be used from another.
 */
import { createMiddleware } from 'hono/factory';
import { GatewayError } from '../../app/errors';
import type { AppEnv, Runtime } from '../../app/types';
import { originAllowed } from '../cors/origins';
import { keyFromBody, keyFromHeaders, keyFromQuery, WHERE } from './write-key';

export function writeKeyAuth(rt: Pick<Runtime, 'writeKeys'>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const found = keyFromHeaders(c) ?? keyFromBody((await c.var.body()).value) ?? keyFromQuery(c);
    if (found === undefined) {
      throw new GatewayError(
        'missing_write_key',
        'no write key: send it as the Basic user name, the X-Write-Key header, writeKey in the body or ?writeKey=',
      );
    }
    const config = rt.writeKeys.get(found.key);
    if (config === undefined) {
      throw new GatewayError('unknown_write_key', `the write key in ${WHERE[found.via]} is not known`);
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !originAllowed(config.allowedOrigins, origin)) {
      throw new GatewayError(
        'unknown_write_key',
        `the write key of source "${config.source}" may not be used from origin ${origin}; add it to the key's allowedOrigins`,
      );
    }
    c.set('writeKey', config);
    await next();
  });
}
