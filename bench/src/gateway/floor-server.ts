/**
 * Scenario (f), a diagnostic: a bare `node:http` server that does only the per-event work the contract
 * asks of the gateway — `JSON.parse`, the shared `parseEvent`, `enrichEvent`, `JSON.stringify` of the
 * stored form — and stores nothing: no auth, dedup, routing, metrics, log or sink. Its ratio to (a) is
 * the most any gateway in Node can reach on this machine. Prints `{"url": …}` once listening.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { enrichEvent, parseEvent } from '@inlet/schemas';

let stored = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch?: unknown[] };
      const receivedAt = new Date().toISOString();
      let accepted = 0;
      for (const [index, raw] of (body.batch ?? []).entries()) {
        const parsed = parseEvent(raw, index);
        if (!parsed.ok) continue;
        const event = enrichEvent(parsed.event, { receivedAt, source: 'bench', newMessageId: randomUUID });
        stored += JSON.stringify(event).length; // kept, so the work cannot be optimised away
        accepted++;
      }
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
  process.stderr.write(`serialized ${stored} bytes\n`);
  server.close(() => process.exit(0));
});
