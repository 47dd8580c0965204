/** A tiny HTTP server for the SDK's tests: records each request (gunzipped) and answers as told. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** Bytes as they came (compressed when content-encoding is gzip). */
  readonly raw: Buffer;
  readonly json: { batch: Record<string, unknown>[]; sentAt?: string; writeKey?: string };
}

export type Answer = (request: ReceivedRequest, response: ServerResponse) => void;

export const answerOk: Answer = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: true, accepted: req.json.batch.length, rejected: [] }));
};

export interface LocalServer {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** messageIds of every event received, in order. */
  messageIds(): string[];
  /** How the next requests are answered (default: 200 accepting all). */
  answer: Answer;
  close(): Promise<void>;
}

export async function startLocalServer(answer: Answer = answerOk): Promise<LocalServer> {
  const requests: ReceivedRequest[] = [];
  const state = { answer };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString();
      const received = { path: req.url ?? '', headers: req.headers, raw, json: JSON.parse(text || '{}') };
      requests.push(received);
      state.answer(received, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    messageIds: () => requests.flatMap((r) => r.json.batch.map((e) => String(e.messageId))),
    get answer() {
      return state.answer;
    },
    set answer(next: Answer) {
      state.answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
