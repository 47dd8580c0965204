/** 429 with `Retry-After` when the authenticated write key has used up its token bucket. */
import { createMiddleware } from 'hono/factory';
import { GatewayError } from '../../app/errors';
import type { AppEnv, Runtime } from '../../app/types';

export function rateLimit(rt: Pick<Runtime, 'rateLimiter'>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.var.writeKey;
    const result = rt.rateLimiter.take(key.key, key.rateLimit);
    if (!result.ok) {
      throw new GatewayError(
        'rate_limited',
        `too many requests for source "${key.source}" (limit ${key.rateLimit.perSecond}/s, burst ${key.rateLimit.burst}); retry after ${result.retryAfterSeconds} s`,
        { retryAfterSeconds: result.retryAfterSeconds },
      );
    }
    await next();
  });
}
