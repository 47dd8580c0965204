import { describe, expect, it } from 'vitest';
import { isFetchError } from './errors';
import { type GetRequest, getJson, type HttpDeps } from './http-client';

type Reply = Response | 'hang' | Error;

/** A fetch that answers from a script, one reply per call; records the headers it got. */
function scripted(replies: Reply[]) {
  const calls: Record<string, string>[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    calls.push({ ...(init.headers as Record<string, string>) });
    const reply = replies.shift() ?? new Response('{}');
    if (reply === 'hang') {
      return new Promise((_, reject) => {
        if (init.signal?.aborted) reject(init.signal.reason);
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    }
    if (reply instanceof Error) throw reply;
    return reply;
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

function deps(fetch: typeof globalThis.fetch, waits: number[] = []): HttpDeps {
  return {
    fetch,
    now: () => Date.parse('2026-01-01T00:00:00Z'),
    random: () => 0.5,
    acquire: async () => {},
    onRetry: (i) => waits.push(i.delayMs),
  };
}

const req = (over: Partial<GetRequest> = {}): GetRequest => ({
  url: 'http://127.0.0.1:1/x?key=secret',
  safeUrl: 'http://127.0.0.1:1/x?key=***',
  headers: {},
  timeoutMs: 50,
  retry: { maxAttempts: 4, initialDelay: 8, maxDelay: 100, maxRetryAfter: 30 },
  signal: new AbortController().signal,
  ...over,
});

const json = (body: unknown, init: ResponseInit = {}) => new Response(JSON.stringify(body), init);

describe('getJson', () => {
  it('retries 5xx and network errors with full-jitter backoff, then succeeds', async () => {
    const waits: number[] = [];
    const { fetch } = scripted([
      new Response('', { status: 503 }),
      new TypeError('fetch failed'),
      json({ ok: 1 }),
    ]);
    const res = await getJson(req(), deps(fetch, waits));
    expect(res).toMatchObject({ status: 'ok', body: { ok: 1 }, attempts: 3 });
    expect(waits).toEqual([4, 8]); // random 0.5 × caps 8, 16
  });

  it('honours Retry-After, capped at maxRetryAfter', async () => {
    const waits: number[] = [];
    const { fetch } = scripted([
      new Response('', { status: 429, headers: { 'retry-after': '0' } }),
      new Response('', { status: 429, headers: { 'retry-after': '120' } }),
      json({}),
    ]);
    await getJson(req(), deps(fetch, waits));
    expect(waits).toEqual([0, 30]);
  });

  it('gives up after maxAttempts with a redacted message', async () => {
    const { fetch } = scripted(Array.from({ length: 5 }, () => new Response('oops', { status: 500 })));
    const error = await getJson(req(), deps(fetch)).catch((e: unknown) => e);
    expect(isFetchError(error) && error.attempts).toBe(4);
    expect(String(error)).toMatch(
      /GET http:\/\/127\.0\.0\.1:1\/x\?key=\*\*\*: HTTP 500: oops after 4 attempts/,
    );
    expect(String(error)).not.toMatch(/secret/);
  });

  it('never retries other 4xx, and points at the key on 401', async () => {
    const { fetch, calls } = scripted([new Response('{"error":"unauthorized"}', { status: 401 })]);
    const error = await getJson(req(), deps(fetch)).catch((e: unknown) => e);
    expect(calls).toHaveLength(1);
    expect(isFetchError(error) && error.status).toBe(401);
    expect(String(error)).toMatch(/check the API key in the auth\.env variable/);
  });

  it('retries malformed JSON and keeps the body of the last one', async () => {
    const { fetch } = scripted([
      new Response('{"a":'),
      new Response('{"a":'),
      new Response('{"a":'),
      new Response('{"a":'),
    ]);
    const error = await getJson(req(), deps(fetch)).catch((e: unknown) => e);
    expect(isFetchError(error) && [error.failure, error.body, error.attempts]).toEqual([
      'malformed',
      '{"a":',
      4,
    ]);
  });

  it('times out a hanging request and retries it', async () => {
    const { fetch } = scripted(['hang', json({ late: false })]);
    const res = await getJson(req({ timeoutMs: 20 }), deps(fetch));
    expect(res).toMatchObject({ status: 'ok', attempts: 2 });
    const { fetch: stuck } = scripted(['hang', 'hang']);
    const error = await getJson(
      req({ timeoutMs: 20, retry: { ...req().retry, maxAttempts: 2 } }),
      deps(stuck),
    ).catch((e: unknown) => e);
    expect(isFetchError(error) && error.failure).toBe('timeout');
    expect(String(error)).toMatch(/no response within 20 ms after 2 attempts/);
  });

  it('passes 304 through and stops at once when aborted', async () => {
    const { fetch } = scripted([new Response(null, { status: 304 })]);
    expect(await getJson(req(), deps(fetch))).toEqual({ status: 'not-modified', attempts: 1 });
    const controller = new AbortController();
    const { fetch: slow } = scripted(['hang']);
    const pending = getJson(req({ signal: controller.signal, timeoutMs: 10_000 }), deps(slow)).catch(
      (e: unknown) => e,
    );
    controller.abort();
    const error = await pending;
    expect(isFetchError(error) && error.failure).toBe('aborted');
  });
});
