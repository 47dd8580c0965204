/**
 * An HTTP proxy between an unmodified client SDK and the gateway that fails the first requests in a
 * planned way, so the SDK's own retries are what carries its events: a 503 as the gateway gives when
 * it cannot store, a response lost after the gateway stored the batch (the retry is a duplicate the
 * gateway must drop), or a connection reset before anything was forwarded.
 */
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const PROXY_FAULTS = ['unavailable', 'lost-response', 'reset'] as const;
export type ProxyFault = (typeof PROXY_FAULTS)[number];

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The fault applied to it, or undefined when it was forwarded and answered. */
  readonly fault: ProxyFault | undefined;
  /** The gateway's status, when the request reached it. */
  status?: number | undefined;
}

export interface FlakyProxy {
  readonly url: string;
  readonly seen: readonly SeenRequest[];
  close(): Promise<void>;
}

const UNAVAILABLE_BODY = JSON.stringify({
  ok: false,
  error: { code: 'unavailable', message: 'proxy fault: nothing was stored; retry later' },
});

/** Forwards to `target`; request n (from 0) gets `faults[n]`, later ones pass through. */
export function startFlakyProxy(target: string, faults: readonly ProxyFault[]): Promise<FlakyProxy> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const fault = faults[seen.length];
    const entry: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, fault };
    seen.push(entry);
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault === 'unavailable') {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end(UNAVAILABLE_BODY);
      return;
    }
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        entry.status = answer.statusCode;
        if (fault === 'lost-response') {
          answer.resume();
          answer.once('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        seen,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
