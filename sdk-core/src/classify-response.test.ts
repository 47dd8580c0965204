import { describe, expect, it } from 'vitest';
import { classifyResponse } from './classify-response';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const okBody = JSON.stringify({
  ok: true,
  rejected: [{ index: 1, messageId: 'b', errors: [{ path: 'batch[1].event', message: 'is required' }] }],
});

describe('classifyResponse', () => {
  it('reads the rejected events from a 2xx body', () => {
    expect(classifyResponse(200, null, okBody)).toEqual({
      kind: 'ok',
      rejected: [{ index: 1, messageId: 'b', errors: [{ path: 'batch[1].event', message: 'is required' }] }],
    });
  });

  it('treats a 2xx without a readable body as ok with no rejections', () => {
    expect(classifyResponse(204)).toEqual({ kind: 'ok', rejected: [] });
    expect(classifyResponse(200, null, '<html>')).toEqual({ kind: 'ok', rejected: [] });
    expect(classifyResponse(200, null, '{"rejected":[{"index":"x"},null,{"index":0}]}')).toMatchObject({
      rejected: [{ index: 0 }],
    });
  });

  it.each([0, 408, 429, 500, 502, 503, 504])('retries %i later', (status) => {
    expect(classifyResponse(status, null, '', NOW).kind).toBe('retry-later');
  });

  it('honours Retry-After as seconds or as an HTTP date', () => {
    expect(classifyResponse(429, '120', '', NOW)).toEqual({
      kind: 'retry-later',
      reason: 'HTTP 429',
      retryAfterMs: 120_000,
    });
    const date = new Date(NOW + 30_000).toUTCString();
    expect(classifyResponse(503, date, '', NOW)).toMatchObject({ retryAfterMs: 30_000 });
    expect(classifyResponse(503, 'soon', '', NOW)).toEqual({ kind: 'retry-later', reason: 'HTTP 503' });
  });

  it('calls a missing answer a network error', () => {
    expect(classifyResponse(0)).toEqual({ kind: 'retry-later', reason: 'network error' });
  });

  it('splits on 413', () => {
    expect(classifyResponse(413, null, '{"ok":false}')).toEqual({ kind: 'too-large' });
  });

  it.each([400, 401, 403, 404, 415, 302])('never retries %i', (status) => {
    expect(classifyResponse(status)).toEqual({ kind: 'fatal', reason: `HTTP ${status}`, status });
  });

  it("keeps the gateway's error message in the reason", () => {
    const body = JSON.stringify({
      ok: false,
      error: { code: 'unknown_write_key', message: 'unknown write key' },
    });
    expect(classifyResponse(401, null, body)).toEqual({
      kind: 'fatal',
      reason: 'HTTP 401: unknown write key',
      status: 401,
    });
  });
});
