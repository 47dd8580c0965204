/**
 * The bare `node:http` servers of scenarios (a) and (f): read the body, `JSON.parse` it, hand the batch
 * to `handle` (which says how many events it accepted), answer 200 in the gateway's shape. Prints
 * `{"url": …}` once listening; stops on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export function serveBare(handle: (batch: readonly unknown[]) => number, onStop?: () => void): void {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch?: unknown[] };
        const accepted = handle(body.batch ?? []);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"ok":true,"accepted":${accepted},"rejected":[]}`);
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
  process.on('SIGTERM', () => {
    onStop?.();
    server.close(() => process.exit(0));
  });
}
