/**
 * `Authorization: Bearer <adminToken>` for admin endpoints (live tap, metrics when protected).
 * Without an admin token configured they do not exist: 404.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { GatewayError } from '../../app/errors';
import type { AppEnv } from '../../app/types';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function adminAuth(adminToken: string | undefined) {
  const expected = adminToken === undefined ? undefined : digest(adminToken);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (expected === undefined) throw new GatewayError('not_found', `no route ${c.req.method} ${c.req.path}`);
    const match = /^bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
    const token = match?.[1]?.trim();
    // Hashing first makes the comparison constant-time whatever the lengths.
    if (token === undefined || !timingSafeEqual(digest(token), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="inlet-admin"');
      throw new GatewayError(
        token === undefined ? 'missing_write_key' : 'unknown_write_key',
        'admin endpoints need Authorization: Bearer <adminToken>',
      );
    }
    await next();
  });
}
