import { describe, expect, it } from 'vitest';
import { PIXEL_GIF } from '../app/pixel-gif';
import { testApp, track, WEB_KEY } from '../testing/test-app';

const data = (event: unknown) => Buffer.from(JSON.stringify(event)).toString('base64url');

describe('GET /v1/pixel/:type', () => {
  it('stores the event and answers the GIF', async () => {
    const { app, publisher } = testApp();
    const res = await app.request(`/v1/pixel/track?writeKey=${WEB_KEY}&data=${data(track())}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PIXEL_GIF);
    expect(publisher.sink.json('topic_app_events')).toMatchObject([{ type: 'track', source: 'web' }]);
  });

  it('takes standard base64 whose + arrived as a space, and the key inside data', async () => {
    const { app, publisher } = testApp();
    const event = { ...track({ properties: { q: '>>>?' } }), writeKey: WEB_KEY };
    const standard = Buffer.from(JSON.stringify(event)).toString('base64').replaceAll('+', ' ');
    expect(standard).toContain(' ');
    const res = await app.request(`/v1/pixel/page?data=${encodeURIComponent(standard)}`);
    expect(res.status).toBe(200);
    expect(publisher.sink.records()[0]?.value).not.toContain(WEB_KEY);
  });

  it('answers errors with the GIF, the contract status and X-Inlet-Error', async () => {
    const { app, publisher } = testApp();
    const cases: [string, number, string][] = [
      [`/v1/pixel/track?data=${data(track())}`, 401, 'missing_write_key'],
      [`/v1/pixel/track?writeKey=${WEB_KEY}`, 400, 'invalid_body'],
      [`/v1/pixel/track?writeKey=${WEB_KEY}&data=%%%`, 400, 'invalid_body'],
      [`/v1/pixel/nope?writeKey=${WEB_KEY}&data=${data(track())}`, 404, 'not_found'],
    ];
    for (const [path, status, code] of cases) {
      const res = await app.request(path);
      expect([res.status, res.headers.get('x-inlet-error'), res.headers.get('content-type')]).toEqual([
        status,
        code,
        'image/gif',
      ]);
    }
    publisher.failNext('unavailable', 3);
    const down = await app.request(`/v1/pixel/track?writeKey=${WEB_KEY}&data=${data(track())}`);
    expect([down.status, down.headers.get('retry-after')]).toEqual([503, '3']);
  });

  it('dead-letters an invalid event and still answers 200', async () => {
    const { app, publisher } = testApp();
    const res = await app.request(`/v1/pixel/track?writeKey=${WEB_KEY}&data=${data({ anonymousId: 'a' })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-inlet-rejected')).toBe('1');
    expect(publisher.sink.records('topic_dead_letter')).toHaveLength(1);
  });
});
