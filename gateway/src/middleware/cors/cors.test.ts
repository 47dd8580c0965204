import { describe, expect, it } from 'vitest';
import { post, testApp, track, WEB_KEY } from '../../testing/test-app';

const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type',
  },
});

describe('CORS', () => {
  it('answers a preflight from an origin some key allows, cached', async () => {
    const { app } = testApp();
    const res = await app.request('/v1/batch', preflight('https://shop.example'));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, Content-Encoding, X-Write-Key, Authorization',
    );
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('gives a disallowed origin no CORS headers', async () => {
    const { app } = testApp();
    const res = await app.request('/v1/batch', preflight('https://evil.example'));
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('lets an allowed origin read the answer, Retry-After included', async () => {
    const { app } = testApp();
    const res = await post(
      app,
      '/v1/batch',
      { batch: [track()] },
      { 'x-write-key': WEB_KEY, origin: 'https://shop.example' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
  });

  it('re-checks the origin against the request key: another key’s origin is refused', async () => {
    const { app, publisher } = testApp({
      writeKeys: [
        { key: WEB_KEY, source: 'web', allowedOrigins: ['https://shop.example'] },
        { key: 'wk_other_0123456', source: 'other', allowedOrigins: ['https://blog.example'] },
      ],
    });
    const res = await post(
      app,
      '/v1/batch',
      { batch: [track()] },
      { 'x-write-key': WEB_KEY, origin: 'https://blog.example' },
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { code: 'unknown_write_key', message: expect.stringContaining('origin') },
    });
    // The browser can read why (the origin is allowed for a preflight), but nothing was stored.
    expect(res.headers.get('access-control-allow-origin')).toBe('https://blog.example');
    expect(publisher.calls).toHaveLength(0);
  });

  it('allows any origin for a key with *', async () => {
    const { app } = testApp({ writeKeys: [{ key: WEB_KEY, source: 'web', allowedOrigins: ['*'] }] });
    const res = await post(
      app,
      '/v1/batch',
      { batch: [track()] },
      { 'x-write-key': WEB_KEY, origin: 'https://any.example' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://any.example');
  });
});
