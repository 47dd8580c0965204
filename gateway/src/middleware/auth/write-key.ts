/** Where a write key can come from, in the contract's order. */
import { WRITE_KEY_HEADER, WRITE_KEY_PARAM } from '@inlet/schemas';
import type { Context } from 'hono';
import { GatewayError } from '../../app/errors';

export type WriteKeySource = 'basic' | 'header' | 'body' | 'query';

export interface FoundKey {
  readonly key: string;
  readonly via: WriteKeySource;
}

export const WHERE: Readonly<Record<WriteKeySource, string>> = {
  basic: 'the Authorization header (Basic)',
  header: 'the X-Write-Key header',
  body: 'the body field writeKey',
  query: 'the writeKey query parameter',
};

/** Basic auth with the write key as the user name (Segment's way), else `X-Write-Key`. */
export function keyFromHeaders(c: Context): FoundKey | undefined {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined && /^basic\s/i.test(authorization)) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const user = decoded.split(':', 1)[0] ?? '';
    if (user === '') {
      throw new GatewayError(
        'missing_write_key',
        'Authorization: Basic carries no user name; send base64("<writeKey>:") as the credentials',
      );
    }
    return { key: user, via: 'basic' };
  }
  const header = c.req.header(WRITE_KEY_HEADER);
  return header === undefined || header === '' ? undefined : { key: header, via: 'header' };
}

/** An own, non-empty `writeKey` string of the JSON body (never one reached through `__proto__`). */
export function keyFromBody(body: unknown): FoundKey | undefined {
  if (typeof body !== 'object' || body === null || !Object.hasOwn(body, WRITE_KEY_PARAM)) return undefined;
  const key: unknown = (body as Record<string, unknown>)[WRITE_KEY_PARAM];
  return typeof key === 'string' && key !== '' ? { key, via: 'body' } : undefined;
}

export function keyFromQuery(c: Context): FoundKey | undefined {
  const key = c.req.query(WRITE_KEY_PARAM);
  return key === undefined || key === '' ? undefined : { key, via: 'query' };
}
