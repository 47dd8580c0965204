/**
 * Scenario (e), a diagnostic: the gateway's Hono app (validation, enrichment, routing, metrics, request
 * log) over a publisher that stores nothing. Its distance to (a) is the HTTP side's cost; its distance
 * to (b)/(c) is the delivery layer's. Prints `{"url": …}` once listening.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, GatewayConfigSchema, nodePeerAddress, type Publisher } from '@inlet/gateway';

const [key = '', logLevel = 'info'] = process.argv.slice(2);
const config = GatewayConfigSchema.parse({
  writeKeys: [{ key, source: 'bench', rateLimit: { perSecond: 1e9, burst: 1e9 } }],
  logLevel,
});
const publisher: Publisher = {
  publish: async () => ({ ok: true, via: 'local' }),
  status: () => ({ ready: true, sink: 'local' }),
  close: async () => {},
};
const server = serve(
  {
    fetch: createApp({ config, publisher, peerAddress: nodePeerAddress }).fetch,
    hostname: '127.0.0.1',
    port: 0,
  },
  (info: AddressInfo) => {
    process.stderr.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`);
  },
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
