import type { Context } from 'hono';
import type { NodeBindings } from './types';

/** `c.env` as `@hono/node-server` passes it; undefined under a bare `app.request()`. */
export const nodeBindings = (c: Context): NodeBindings | undefined =>
  (c.env as NodeBindings | undefined) ?? undefined;
