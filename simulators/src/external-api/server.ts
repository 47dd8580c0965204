/** Serves the stand-ins on 127.0.0.1 (never another interface: they accept a well-known key). */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createExternalApiApp, type ExternalApi, type ExternalApiOptions } from './app';

export interface ExternalApiServerOptions extends ExternalApiOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default: 0. */
  port?: number;
}

export interface ExternalApiServer extends ExternalApi {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Ends hung requests and open connections, then stops listening. Idempotent. */
  close(): Promise<void>;
}

export async function startExternalApi(options: ExternalApiServerOptions = {}): Promise<ExternalApiServer> {
  const closing = new AbortController();
  const api = createExternalApiApp({ ...options, closeSignal: closing.signal });
  const server = serve({ fetch: api.app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    ...api,
    url: `http://127.0.0.1:${port}`,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      return closed;
    },
  };
}
