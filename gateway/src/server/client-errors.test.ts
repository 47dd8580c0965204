/**
 * Hostile heads over a real socket to a real gateway (local sink): every one gets a complete HTTP
 * answer with the contract's JSON error — read back whole, never a reset — and the gateway keeps
 * serving.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorResponseSchema } from '@inlet/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_LIMITS } from '../app/request-limits';
import { TEST_KEY, testConfig } from '../testing/ingest-load';
import { parseAnswer, rawExchange } from '../testing/raw-http';
import { classifyClientError } from './client-errors';
import { type RunningGateway, startGateway } from './start';

let dir: string;
let gateway: RunningGateway;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inlet-client-errors-'));
  gateway = await startGateway(testConfig({ sink: 'local', dataDir: dir }));
});
afterAll(async () => {
  await gateway?.stop();
  await rm(dir, { recursive: true, force: true });
});

const head = (requestLine: string, headers: readonly string[], body = '') =>
  Buffer.from(`${requestLine}\r\n${['Host: 127.0.0.1', ...headers].join('\r\n')}\r\n\r\n${body}`);

const batchHeaders = (length: number) => [
  'Content-Type: application/json',
  `X-Write-Key: ${TEST_KEY}`,
  `Content-Length: ${length}`,
];

async function expectAnswer(request: Buffer, status: number, code: string, chunkBytes?: number) {
  const answer = await rawExchange(gateway.port, request, chunkBytes === undefined ? {} : { chunkBytes });
  expect(answer.error).toBeUndefined();
  const parsed = parseAnswer(answer.bytes);
  expect(parsed, answer.bytes.toString('latin1').slice(0, 200)).toBeDefined();
  expect(parsed?.status).toBe(status);
  const body = ErrorResponseSchema.parse(JSON.parse(parsed?.body ?? ''));
  expect(body.error.code).toBe(code);
  return body;
}

describe('heads over the limits, over a real socket', () => {
  const url = (bytes: number) => `GET /v1/track?data=${'A'.repeat(bytes)} HTTP/1.1`;
  const bigHeader = (bytes: number) => [`X-Big: ${'b'.repeat(bytes)}`];

  it.each([20_000, 100_000, 1_000_000])('a %d-byte URL → 414', async (bytes) => {
    const body = await expectAnswer(head(url(bytes), []), 414, 'uri_too_long');
    expect(body.error.message).toContain('POST body');
  });

  it.each([40_000, 100_000, 1_000_000])('a %d-byte header → 431', async (bytes) => {
    await expectAnswer(head('GET /healthz HTTP/1.1', bigHeader(bytes)), 431, 'headers_too_large');
  });

  it('3,000 small headers → 431', async () => {
    const many = Array.from({ length: 3_000 }, (_, i) => `X-H${i}: value-${i}`);
    await expectAnswer(head('GET /healthz HTTP/1.1', many), 431, 'headers_too_large');
  });

  it('an oversized head followed by a 3 MB body, sent in small writes → 431 read whole', async () => {
    const body = 'x'.repeat(3_000_000);
    const request = head(
      'POST /v1/batch HTTP/1.1',
      [...batchHeaders(body.length), ...bigHeader(100_000)],
      body,
    );
    await expectAnswer(request, 431, 'headers_too_large', 4_096);
  });

  it('a 3 MB body over the body limit → 413 read whole', async () => {
    const body = 'x'.repeat(3_000_000);
    await expectAnswer(
      head('POST /v1/batch HTTP/1.1', batchHeaders(body.length), body),
      413,
      'payload_too_large',
    );
  });

  it.each([
    ['not HTTP', Buffer.from('HELLO WORLD\r\n\r\n')],
    ['a TLS ClientHello', Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03])],
    ['a non-numeric Content-Length', head('POST /v1/batch HTTP/1.1', ['Content-Length: abc'])],
    [
      'two Content-Lengths',
      head('POST /v1/batch HTTP/1.1', ['Content-Length: 2', 'Content-Length: 3'], '{}'),
    ],
    ['a header without a colon', head('GET /healthz HTTP/1.1', ['NoColonHere'])],
    ['a NUL in a header value', head('GET /healthz HTTP/1.1', ['X-A: a\u0000b'])],
    [
      'broken chunked framing',
      head('POST /v1/batch HTTP/1.1', ['Transfer-Encoding: chunked'], 'zz\r\n{}\r\n0\r\n\r\n'),
    ],
  ])('%s → 400 invalid_request', async (_name, request) => {
    await expectAnswer(request, 400, 'invalid_request');
  });

  it.each([
    ['CONNECT', Buffer.from('CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n')],
    ['an Upgrade', head('GET /v1/live HTTP/1.1', ['Connection: Upgrade', 'Upgrade: websocket'])],
  ])('%s request (Node would close it unanswered) → 404', async (_name, request) => {
    await expectAnswer(request, 404, 'not_found');
  });

  it('keeps serving afterwards', async () => {
    const res = await fetch(`${gateway.url}/healthz`);
    expect(res.status).toBe(200);
  });
});

describe('classifyClientError', () => {
  const overflow = (raw: string) =>
    Object.assign(new Error('Header overflow'), { code: 'HPE_HEADER_OVERFLOW', rawPacket: Buffer.from(raw) });

  it('tells an unfinished request line from large headers', () => {
    expect(classifyClientError(overflow(`GET /x?${'a'.repeat(100)}`))?.code).toBe('uri_too_long');
    expect(classifyClientError(overflow('GET /x HTTP/1.1\r\nX-Big: bbbb'))?.code).toBe('headers_too_large');
    expect(classifyClientError(overflow('bbbbbbbbbbbbbbbbbbbbbbbb'))?.code).toBe('headers_too_large');
  });

  it('answers nothing to a client that is gone, and names the limit otherwise', () => {
    expect(classifyClientError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(classifyClientError(overflow('b'))?.message).toContain(String(REQUEST_LIMITS.parserMaxHeadBytes));
    expect(
      classifyClientError(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }))?.code,
    ).toBe('request_timeout');
  });
});
