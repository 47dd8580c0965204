import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { nodeBindings } from '../app/node-bindings';

/**
 * The socket peer of a request served by `@hono/node-server`, the `peerAddress` the Node server
 * gives the app (which stays free of the adapter). Undefined when no Node request is behind `c`.
 */
export function nodePeerAddress(c: Context): string | undefined {
  if (nodeBindings(c)?.incoming === undefined) return undefined;
  return getConnInfo(c).remote.address;
}
