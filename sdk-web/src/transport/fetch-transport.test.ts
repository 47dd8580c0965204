import type { OutgoingBatch } from '@inlet/sdk-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bodyText } from '../testing/fake-gateway';
import { createFetchTransport, SEND_TIMEOUT_MS } from './fetch-transport';
import { GZIP_MIN_BYTES, shouldGzip } from './gzip';

const batchOf = (n: number, pad = 0): OutgoingBatch => ({
  batch: Array.from({ length: n }, (_, i) => ({
    type: 'track' as const,
    event: 'Viewed',
    messageId: `m${i}`,
    anonymousId: 'a1',
    properties: { pad: 'x'.repeat(pad) },
  })),
  sentAt: '2025-01-01T00:00:00.000Z',
  writeKey: 'wk_1',
});

const transport = () => createFetchTransport({ endpoint: 'https://collect.example/', writeKey: 'wk_1' });
let fetchMock: ReturnType<typeof vi.fn>;
const answer = (status: number, body = '', headers: Record<string, string> = {}) =>
  fetchMock.mockResolvedValue(new Response(body, { status, headers }));
const sent = () => fetchMock.mock.calls[0] as [string, RequestInit & { headers: Record<string, string> }];

beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetch transport', () => {
  it('posts JSON to /v1/batch with the write key in a header, keepalive while small', async () => {
    answer(200, JSON.stringify({ ok: true, accepted: 2, rejected: [] }));
    await expect(transport().send(batchOf(2))).resolves.toEqual({ kind: 'ok', rejected: [] });
    const [url, init] = sent();
    expect(url).toBe('https://collect.example/v1/batch');
    expect(init).toMatchObject({ method: 'POST', keepalive: true });
    expect(init.headers).toEqual({ 'Content-Type': 'application/json', 'X-Write-Key': 'wk_1' });
    const body = JSON.parse(init.body as string);
    expect(body.batch).toHaveLength(2);
    expect(body.writeKey).toBeUndefined();
  });

  it('classifies answers through the core: Retry-After, 413, fatal 4xx, network errors', async () => {
    answer(503, '{"ok":false}', { 'Retry-After': '7' });
    await expect(transport().send(batchOf(1))).resolves.toMatchObject({
      kind: 'retry-later',
      retryAfterMs: 7_000,
    });
    answer(413);
    await expect(transport().send(batchOf(1))).resolves.toEqual({ kind: 'too-large' });
    answer(401, '{"ok":false,"error":{"code":"unknown_write_key","message":"unknown write key"}}');
    await expect(transport().send(batchOf(1))).resolves.toMatchObject({ kind: 'fatal', status: 401 });
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(transport().send(batchOf(1))).resolves.toMatchObject({ kind: 'retry-later' });
  });

  it('gzips bodies over 1 KB where CompressionStream exists, and only those', async () => {
    answer(200, '{"ok":true,"accepted":20,"rejected":[]}');
    await transport().send(batchOf(20, 100));
    const [, init] = sent();
    expect(init.headers['Content-Encoding']).toBe('gzip');
    const json = JSON.parse(await bodyText(init.body));
    expect(json.batch).toHaveLength(20);

    fetchMock.mockClear();
    answer(200, '{"ok":true,"accepted":1,"rejected":[]}');
    await transport().send(batchOf(1));
    expect(sent()[1].headers['Content-Encoding']).toBeUndefined();
  });

  it('gives a send up after SEND_TIMEOUT_MS, to retry it later', async () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    fetchMock.mockRejectedValue(new DOMException('signal timed out', 'TimeoutError'));
    await expect(transport().send(batchOf(1))).resolves.toMatchObject({ kind: 'retry-later' });
    expect(timeout).toHaveBeenCalledWith(SEND_TIMEOUT_MS);
    expect(sent()[1].signal).toBe(timeout.mock.results[0]?.value);
    timeout.mockRestore();
  });

  it('decides on gzip from size and browser support', () => {
    expect(shouldGzip(GZIP_MIN_BYTES)).toBe(false);
    expect(shouldGzip(GZIP_MIN_BYTES + 1)).toBe(typeof CompressionStream === 'function');
    vi.stubGlobal('CompressionStream', undefined);
    expect(shouldGzip(100_000)).toBe(false);
  });
});

describe('unload delivery', () => {
  it('posts keepalive text/plain with the write key in the body (no preflight), never a beacon, and reads the answer', async () => {
    const beacon = vi.fn(() => true);
    vi.stubGlobal('navigator', { ...navigator, sendBeacon: beacon });
    answer(200, JSON.stringify({ ok: true, accepted: 3, rejected: [{ index: 1, errors: [] }] }));
    await expect(transport().send(batchOf(3), { unloading: true })).resolves.toEqual({
      kind: 'ok',
      rejected: [{ index: 1, errors: [] }],
    });
    const [url, init] = sent();
    expect(url).toBe('https://collect.example/v1/batch');
    expect(init).toMatchObject({
      method: 'POST',
      keepalive: true,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(typeof init.body).toBe('string');
    expect(JSON.parse(init.body as string)).toMatchObject({
      writeKey: 'wk_1',
      sentAt: '2025-01-01T00:00:00.000Z',
    });
    expect(beacon).not.toHaveBeenCalled();
  });

  it('answers retry-later when the gateway is unreachable, or the browser refuses (its 64 KB of unload requests in flight is used up)', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(transport().send(batchOf(2), { unloading: true })).resolves.toMatchObject({
      kind: 'retry-later',
    });
    answer(503);
    await expect(transport().send(batchOf(2), { unloading: true })).resolves.toMatchObject({
      kind: 'retry-later',
    });
  });
});
