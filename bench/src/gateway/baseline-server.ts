/**
 * Scenario (a), the baseline: a bare `node:http` server that reads the body and `JSON.parse`s it, then
 * answers 200. What any Node ingestion endpoint costs at least. Prints `{"url": …}` once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch?: unknown[] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"ok":true,"accepted":${body.batch?.length ?? 0},"rejected":[]}`);
    } catch {
      res.writeHead(400).end();
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
