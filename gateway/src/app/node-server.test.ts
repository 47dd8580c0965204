/**
 * The same app behind a real `@hono/node-server` on 127.0.0.1: the Node body reader, the socket
 * address, and limits enforced on a real connection.
 */

import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodePeerAddress } from '../server/node-peer-address';
import { testApp, track, WEB_KEY } from '../testing/test-app';

const { app, publisher } = testApp(
  { maxBodyBytes: 20_000, writeKeys: [{ key: WEB_KEY, source: 'web', ipPolicy: 'keep' }] },
  { peerAddress: nodePeerAddress },
);
let server: ReturnType<typeof serve>;
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
});
afterAll(async () => {
  if ('closeAllConnections' in server) server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const headers = { 'content-type': 'application/json', 'x-write-key': WEB_KEY };

/** A chunked POST (no Content-Length) writing `chunks` pieces of `chunk`; resolves with the status. */
function chunkedPost(chunk: Buffer, chunks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/v1/batch`, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < chunks) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('behind @hono/node-server', () => {
  it('reads the body from the socket and records the peer address', async () => {
    const res = await fetch(`${base}/v1/batch`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ batch: [track()] }),
    });
    expect(res.status).toBe(200);
    expect(publisher.sink.json('topic_app_events').at(-1)).toMatchObject({ context: { ip: '127.0.0.1' } });
  });

  it('answers 413 by Content-Length, while streaming a chunked body, and for a gzip bomb', async () => {
    const big = JSON.stringify({ batch: [track({ properties: { pad: 'x'.repeat(30_000) } })] });
    expect((await fetch(`${base}/v1/batch`, { method: 'POST', headers, body: big })).status).toBe(413);
    expect(await chunkedPost(Buffer.alloc(16_384, 32), 64)).toBe(413);
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    const res = await fetch(`${base}/v1/batch`, {
      method: 'POST',
      headers: { ...headers, 'content-encoding': 'gzip' },
      body: bomb,
    });
    expect(res.status).toBe(413);
  });

  it('keeps serving after refusing a body', async () => {
    const res = await fetch(`${base}/v1/batch`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ batch: [track()] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, accepted: 1 });
  });
});
