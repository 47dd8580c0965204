/**
 * `GET /v1/pixel/:type?data=<base64 JSON>&writeKey=…`: for email opens and no-JS pages. Always
 * answers the 1x1 transparent GIF, also on errors (an `<img>` shows no broken icon and cannot read
 * a JSON body anyway); the status is the contract's, the error code is in `X-Inlet-Error`.
 */
import { eventFromRoute, SINGLE_EVENT_TYPES } from '@inlet/schemas';
import type { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { GatewayError } from '../app/errors';
import { gifResponse } from '../app/pixel-gif';
import type { AppEnv, Runtime } from '../app/types';
import { decodePixelData } from '../ingest/pixel-data';
import { writeKeyAuth } from '../middleware/auth';
import { rateLimit } from '../middleware/rate-limit';
import { runIngest } from './ingest';

export const PIXEL_PATH = '/v1/pixel/:type';

const pixelTypes = new Set<string>(SINGLE_EVENT_TYPES);

export function pixelRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  const pixelBody = createMiddleware<AppEnv>(async (c, next) => {
    c.set('errorFormat', 'gif');
    const type = c.req.param('type') ?? '';
    if (!pixelTypes.has(type)) {
      throw new GatewayError(
        'not_found',
        `unknown pixel type "${type}"; use one of ${SINGLE_EVENT_TYPES.join(', ')}`,
      );
    }
    let decoded: ReturnType<typeof decodePixelData> | undefined;
    c.set('body', async () => {
      decoded ??= decodePixelData(c.req.query('data'), rt.config.maxBodyBytes);
      return decoded;
    });
    await next();
  });

  app.get(PIXEL_PATH, pixelBody, writeKeyAuth(rt), rateLimit(rt), async (c) => {
    const type = c.req.param('type');
    const body = await c.var.body();
    if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
      throw new GatewayError('invalid_body', `data must be a JSON object: the ${type} event`);
    }
    const input = { events: [eventFromRoute(type, body.value)], indexed: false, rawText: () => body.text };
    const { rejected } = await runIngest(rt, c, input);
    return gifResponse(c, 200, { 'X-Inlet-Rejected': String(rejected.length) });
  });
}
