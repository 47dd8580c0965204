/**
 * The network between a page and the real gateway, for the outage tests: a local proxy that
 * passes requests on, refuses them (the gateway unreachable while the browser reports online),
 * loses the answer after the gateway stored the events (a dropped mobile connection, a gateway
 * restart mid-request), or holds the answer (a page that closes before it comes).
 */
// biome-ignore lint/correctness/noNodejsModules: test harness runs in Node.
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// biome-ignore lint/correctness/noNodejsModules: test harness runs in Node.
import { gunzipSync } from 'node:zlib';

export const NETWORK_MODES = ['pass', 'down', 'lose', 'hold'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

export interface BatchSeen {
  readonly mode: NetworkMode;
  readonly contentType: string;
  readonly messageIds: readonly string[];
}

export interface FlakyNetwork {
  /** The gateway's address as the page sees it. */
  readonly url: string;
  /** What happens to the next requests (`down` refuses preflights too; the others apply to batches). */
  mode: NetworkMode;
  /** Every `POST /v1/batch` the page made, with the mode it met. */
  readonly batches: BatchSeen[];
  /** messageIds of every batch that reached the gateway, repeats included. */
  readonly forwarded: string[];
  close(): Promise<void>;
}

const messageIdsOf = (body: Buffer, encoding: string | undefined): string[] => {
  try {
    const text = (encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');
    const { batch } = JSON.parse(text) as { batch?: { messageId?: string }[] };
    return (batch ?? []).map((e) => String(e.messageId));
  } catch {
    return [];
  }
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Forwards one request to `target`; resolves with the gateway's answer, read in full. */
function forward(target: URL, req: IncomingMessage, body: Buffer) {
  return new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>(
    (resolve, reject) => {
      const headers = { ...req.headers, host: target.host };
      const out = request(new URL(req.url ?? '/', target), { method: req.method, headers }, (res) => {
        readBody(res).then(
          (answer) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: answer }),
          reject,
        );
      });
      out.on('error', reject);
      out.end(body);
    },
  );
}

/** A proxy to `target` (the gateway's URL) on 127.0.0.1, starting in `pass` mode. */
export async function startFlakyNetwork(target: string): Promise<FlakyNetwork> {
  const to = new URL(target);
  const held = new Set<ServerResponse>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const mode = network.mode;
    const isBatch = req.method === 'POST' && (req.url ?? '').startsWith('/v1/batch');
    const ids = isBatch ? messageIdsOf(body, req.headers['content-encoding']) : [];
    if (isBatch)
      network.batches.push({ mode, contentType: req.headers['content-type'] ?? '', messageIds: ids });
    if (mode === 'down') {
      req.socket.destroy();
      return;
    }
    const answer = await forward(to, req, body);
    if (isBatch) network.forwarded.push(...ids);
    if (isBatch && mode === 'lose') {
      req.socket.destroy();
      return;
    }
    if (isBatch && mode === 'hold') {
      held.add(res);
      return;
    }
    // A fresh connection per request: Chromium repeats a request that failed on a reused one.
    res.writeHead(answer.status, { ...answer.headers, connection: 'close' }).end(answer.body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const network: FlakyNetwork = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mode: 'pass',
    batches: [],
    forwarded: [],
    close: () =>
      new Promise((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return network;
}
