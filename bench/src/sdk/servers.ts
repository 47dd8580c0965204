/**
 * Two local servers on 127.0.0.1: the pages (one per SDK, cross-origin isolated so that
 * `performance.now()` has Chromium's fine 5 µs resolution instead of 100 µs) and, on another port
 * (another origin, as a real collector is), the endpoint every SDK sends to. The endpoint answers
 * 200 `{}` to anything, with CORS for any origin (credentials included, as Snowplow sends them),
 * and counts requests and the benchmark's events in their bodies (gzip undone).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { BURST_EVENT, DRIVER_JS } from './driver';
import type { BenchSdk } from './sdks';

export interface Running {
  readonly origin: string;
  close(): Promise<void>;
}

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return server;
}

const running = (server: Server): Running => ({
  origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  close: () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
});

const ISOLATED = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cache-control': 'no-store',
};

const page = (sdk: BenchSdk, endpoint: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>bench ${sdk.key}</title>` +
  `<script src="/driver.js"></script>${sdk.head(endpoint)}</head><body><h1>${sdk.name}</h1></body></html>`;

/** Serves `/<key>.html` for each SDK, `/driver.js` and the SDKs' files. */
export async function startPageServer(sdks: readonly BenchSdk[], endpoint: string): Promise<Running> {
  const files = new Map<string, [type: string, body: string]>([
    ['/driver.js', ['text/javascript', DRIVER_JS]],
  ]);
  for (const sdk of sdks) {
    files.set(`/${sdk.key}.html`, ['text/html; charset=utf-8', page(sdk, endpoint)]);
    for (const [path, body] of Object.entries(sdk.files)) files.set(path, ['text/javascript', body]);
  }
  const server = await listen((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = files.get(path);
    if (path === '/favicon.ico') res.writeHead(204, ISOLATED).end();
    else if (!file) res.writeHead(404, ISOLATED).end();
    else res.writeHead(200, { ...ISOLATED, 'content-type': file[0] }).end(file[1]);
  });
  return running(server);
}

export interface EndpointCounts {
  /** Requests other than CORS preflights. */
  requests: number;
  preflights: number;
  /** Request body bytes as sent (compressed or not). */
  bytes: number;
  /** Occurrences of the burst's event name in the bodies: the burst's events received. */
  events: number;
  /** Requests by path, for finding what an SDK sends where. */
  paths: Map<string, number>;
}

export interface Endpoint extends Running {
  /** Counts since the last reset. */
  counts(): EndpointCounts;
  reset(): void;
}

const newCounts = (): EndpointCounts => ({
  requests: 0,
  preflights: 0,
  bytes: 0,
  events: 0,
  paths: new Map(),
});

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

function bodyText(body: Buffer): string {
  // gzip by its magic bytes: Inlet says so in Content-Encoding, PostHog only in its query string.
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      return gunzipSync(body).toString('utf8');
    } catch {
      return '';
    }
  }
  return body.toString('utf8');
}

export async function startEndpoint(): Promise<Endpoint> {
  let counts = newCounts();
  const server = await listen((req, res) => {
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
      'access-control-max-age': '86400',
      'cross-origin-resource-policy': 'cross-origin',
      vary: 'Origin',
    };
    if (req.method === 'OPTIONS') {
      counts.preflights++;
      res.writeHead(204, cors).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      counts.requests++;
      counts.bytes += body.byteLength;
      counts.paths.set(path, (counts.paths.get(path) ?? 0) + 1);
      if (body.byteLength) counts.events += occurrences(bodyText(body), BURST_EVENT);
      const type = path.endsWith('.js') ? 'text/javascript' : 'application/json';
      res.writeHead(200, { ...cors, 'content-type': type }).end('{}');
    });
  });
  return {
    ...running(server),
    counts: () => counts,
    reset: () => {
      counts = newCounts();
    },
  };
}
