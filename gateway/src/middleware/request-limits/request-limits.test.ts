import { ErrorResponseSchema } from '@inlet/schemas';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../testing/test-app';
import { headerSize, urlBytes } from '.';

async function errorOf(res: Response | Promise<Response>) {
  const answered = await res;
  return { status: answered.status, body: ErrorResponseSchema.parse(await answered.json()) };
}

describe('request limits in the app', () => {
  it('answers 414 to a URL over 16 KiB, naming the fix', async () => {
    const { app } = testApp();
    const { status, body } = await errorOf(app.request(`/v1/track?data=${'A'.repeat(17_000)}`));
    expect(status).toBe(414);
    expect(body.error).toMatchObject({ code: 'uri_too_long', message: expect.stringContaining('POST body') });
  });

  it('answers the pixel route with the GIF and the code in X-Inlet-Error', async () => {
    const { app } = testApp();
    const res = await app.request(`/v1/pixel/track?data=${'A'.repeat(17_000)}`);
    expect(res.status).toBe(414);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('x-inlet-error')).toBe('uri_too_long');
  });

  it('answers 431 to headers over 32 KiB or over 100 names', async () => {
    const { app } = testApp();
    const big = await errorOf(app.request('/healthz', { headers: { cookie: 'c'.repeat(33_000) } }));
    expect(big).toMatchObject({ status: 431, body: { error: { code: 'headers_too_large' } } });
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`x-h${i}`, 'v']));
    expect((await errorOf(app.request('/healthz', { headers: many }))).status).toBe(431);
  });

  it('lets ordinary heads through', async () => {
    const { app } = testApp();
    const headers = Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`x-h${i}`, 'v'.repeat(100)]));
    expect((await app.request(`/healthz?x=${'a'.repeat(8_000)}`, { headers })).status).toBe(200);
  });

  it('measures the path and query only, in UTF-8 bytes', () => {
    expect(urlBytes('http://localhost/v1/batch?x=1')).toBe('/v1/batch?x=1'.length);
    expect(urlBytes('http://h/é')).toBe(3);
    expect(headerSize(new Headers({ a: 'bc' }))).toEqual({ bytes: 1 + 2 + 4, count: 1 });
  });
});
