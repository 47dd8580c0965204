import type { EventInput } from '@inlet/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchUrl, createHttpTransport, type ResponseInfo } from './http-transport';
import { type LocalServer, startLocalServer } from './testing/local-server';

const event = (n: number, pad = 0): EventInput =>
  ({
    type: 'track',
    event: 'Tested',
    anonymousId: 'a1',
    messageId: `m${n}`,
    properties: { pad: 'x'.repeat(pad) },
  }) as EventInput;
const body = (batch: EventInput[]) => ({
  batch,
  sentAt: '2024-05-01T12:00:00.000Z',
  writeKey: 'wk_test_123',
});

describe('createHttpTransport', () => {
  let server: LocalServer;
  const infos: ResponseInfo[] = [];
  let transport: ReturnType<typeof createHttpTransport>;
  beforeAll(async () => {
    server = await startLocalServer();
    transport = createHttpTransport({
      endpoint: `${server.url}/`,
      timeoutMs: 300,
      onResponse: (i) => infos.push(i),
    });
  });
  afterAll(async () => {
    await transport.close();
    await server.close();
  });

  it('posts the batch to /v1/batch with the write key in X-Write-Key, not in the body', async () => {
    const result = await transport.send(body([event(1)]));
    expect(result).toEqual({ kind: 'ok', rejected: [] });
    const [req] = server.requests.slice(-1);
    expect(req?.path).toBe('/v1/batch');
    expect(req?.headers['x-write-key']).toBe('wk_test_123');
    expect(req?.headers['content-encoding']).toBeUndefined();
    expect(req?.json).toEqual({ batch: [event(1)], sentAt: '2024-05-01T12:00:00.000Z' });
    expect(infos.at(-1)).toMatchObject({ status: 200, events: 1 });
  });

  it('gzips bodies over 1 KB', async () => {
    await transport.send(body([event(2, 5_000)]));
    const [req] = server.requests.slice(-1);
    expect(req?.headers['content-encoding']).toBe('gzip');
    expect(req?.raw.length).toBeLessThan(1_000);
    expect(req?.json.batch[0]).toEqual(event(2, 5_000));
  });

  it('classifies answers: rejections, 503 with Retry-After, 413, 401', async () => {
    const answers: [number, Record<string, string>, unknown][] = [
      [200, {}, { ok: true, accepted: 1, rejected: [{ index: 1, errors: [] }] }],
      [503, { 'retry-after': '7' }, { ok: false, error: { code: 'unavailable', message: 'down' } }],
      [413, {}, { ok: false }],
      [401, {}, { ok: false, error: { code: 'unknown_write_key', message: 'who?' } }],
    ];
    const results = [];
    for (const [status, headers, json] of answers) {
      server.answer = (_req, res) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      results.push(await transport.send(body([event(3), event(4)])));
    }
    expect(results).toEqual([
      { kind: 'ok', rejected: [{ index: 1, errors: [] }] },
      { kind: 'retry-later', reason: 'HTTP 503: down', retryAfterMs: 7_000 },
      { kind: 'too-large' },
      { kind: 'fatal', reason: 'HTTP 401: who?', status: 401 },
    ]);
  });

  it('aborts a request that takes longer than timeoutMs: retry later', async () => {
    server.answer = () => {}; // never answers
    const result = await transport.send(body([event(5)]));
    expect(result).toMatchObject({ kind: 'retry-later' });
    expect(result.kind === 'retry-later' && result.reason).toMatch(/timeout after 300 ms/);
    expect(infos.at(-1)).toMatchObject({ status: 0, error: 'timeout after 300 ms' });
  });

  it('turns a refused connection into retry-later', async () => {
    const closed = await startLocalServer();
    await closed.close();
    const lonely = createHttpTransport({ endpoint: closed.url });
    expect(await lonely.send(body([event(6)]))).toMatchObject({
      kind: 'retry-later',
      reason: /network error/,
    });
    await lonely.close();
  });

  it('refuses an endpoint that is not an absolute http URL', () => {
    expect(() => batchUrl('127.0.0.1:8787')).toThrow(/absolute URL/);
    expect(() => batchUrl('ftp://host')).toThrow(/http: or https:/);
    expect(batchUrl('https://in.example.com/base/')).toBe('https://in.example.com/base/v1/batch');
  });
});
