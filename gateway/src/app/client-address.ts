import type { Context } from 'hono';
import { clientIp } from '../ingest/client-ip';
import type { Runtime } from './types';

/** The request's client address (socket peer, or trusted `X-Forwarded-For`), before any ip policy. */
export const clientAddress = (rt: Pick<Runtime, 'peerAddress' | 'trustedProxies'>, c: Context) =>
  clientIp(rt.peerAddress(c), c.req.header('x-forwarded-for'), rt.trustedProxies);
