import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { post, testApp, track, WEB_KEY } from '../testing/test-app';

const auth = { 'x-write-key': WEB_KEY };
const batchOf = (...events: unknown[]) => JSON.stringify({ batch: events });

async function errorOf(res: Response | Promise<Response>) {
  const answered = await res;
  return {
    status: answered.status,
    body: (await answered.json()) as { error: { code: string; message: string } },
  };
}

describe('malformed bodies → 400 naming the problem', () => {
  it.each([
    ['truncated JSON', '{"batch":[{"type":"track"', 'not valid JSON'],
    ['empty body', '', 'empty'],
    ['batch missing', '{"events":[]}', 'batch'],
    ['batch of the wrong type', '{"batch":"x"}', 'batch'],
    ['a JSON array', '[1,2]', 'body'],
    ['a JSON string', '"hello"', 'body'],
    ['sentAt not a date', '{"batch":[],"sentAt":"yesterday"}', 'sentAt'],
  ])('%s', async (_name, body, mention) => {
    const { app, publisher } = testApp();
    const { status, body: json } = await errorOf(post(app, '/v1/batch', body, auth));
    expect(status).toBe(400);
    expect(json.error.code).toBe('invalid_body');
    expect(json.error.message).toContain(mention);
    expect(publisher.calls).toHaveLength(0);
  });

  it('rejects invalid UTF-8 bytes', async () => {
    const { app } = testApp();
    const bytes = Buffer.concat([
      Buffer.from('{"batch":[{"event":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}]}'),
    ]);
    const { status, body } = await errorOf(post(app, '/v1/batch', new Uint8Array(bytes), auth));
    expect(status).toBe(400);
    expect(body.error.message).toContain('UTF-8');
  });

  it('rejects a body nested deeper than JSON.stringify can go, without a 500', async () => {
    const { app } = testApp();
    const depth = 100_000;
    const { status } = await errorOf(
      post(app, '/v1/batch', `${'['.repeat(depth)}${']'.repeat(depth)}`, auth),
    );
    expect(status).toBe(400);
  });
});

describe('per-event problems → 200 with rejected + dead letter', () => {
  it('deep nesting inside an event', async () => {
    const { app, publisher } = testApp();
    const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    const body = `{"writeKey":"${WEB_KEY}","batch":[${JSON.stringify(track())},{"type":"track","event":"x","anonymousId":"a","properties":${deep}}]}`;
    const res = await post(app, '/v1/batch', body);
    const json = (await res.json()) as { accepted: number; rejected: { errors: { message: string }[] }[] };
    expect(res.status).toBe(200);
    expect(json.accepted).toBe(1);
    expect(json.rejected[0]?.errors[0]?.message).toContain('nested');
    const [dead] = publisher.sink.json('topic_dead_letter') as {
      payload: { format: string; text: string };
    }[];
    // Too deep to re-serialise: the request text is kept instead, without its write key.
    expect(dead?.payload.format).toBe('text');
    expect(dead?.payload.text).toContain('"writeKey":"[redacted]"');
    expect(dead?.payload.text).not.toContain(WEB_KEY);
  });

  it('__proto__ keys in the JSON text are rejected, not merged, and pollute nothing', async () => {
    const { app, publisher } = testApp();
    const body = `{"batch":[{"type":"track","event":"x","anonymousId":"a","properties":{"__proto__":{"polluted":true}}}]}`;
    const res = await post(app, '/v1/batch', body, auth);
    const json = (await res.json()) as { accepted: number; rejected: { errors: { path: string }[] }[] };
    expect(json.accepted).toBe(0);
    expect(json.rejected[0]?.errors[0]?.path).toBe('batch[0].properties.__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const [dead] = publisher.sink.json('topic_dead_letter') as { payload: { value: unknown } }[];
    expect(JSON.stringify(dead?.payload.value)).toContain('"__proto__":{"polluted":true}');
  });

  it('__proto__ cannot smuggle the envelope or the write key', async () => {
    const { app } = testApp();
    const smuggledBatch = await post(app, '/v1/batch', `{"__proto__":{"batch":[]}}`, auth);
    expect(smuggledBatch.status).toBe(400);
    const smuggledKey = await post(app, '/v1/batch', `{"__proto__":{"writeKey":"${WEB_KEY}"},"batch":[]}`);
    expect(smuggledKey.status).toBe(401);
  });

  it('an event over 32 KB is dead-lettered as too_large', async () => {
    const { app, publisher } = testApp();
    const res = await post(
      app,
      '/v1/batch',
      batchOf(track({ properties: { blob: 'x'.repeat(40_000) } })),
      auth,
    );
    expect(((await res.json()) as { rejected: unknown[] }).rejected).toHaveLength(1);
    expect(publisher.sink.json('topic_dead_letter')).toMatchObject([{ reason: 'too_large' }]);
  });
});

describe('size limits → 413', () => {
  it('refuses more than 2,500 events in one batch', async () => {
    const { app, publisher } = testApp();
    const { status, body } = await errorOf(
      post(app, '/v1/batch', { batch: Array.from({ length: 2_501 }, () => 0) }, auth),
    );
    expect(status).toBe(413);
    expect(body.error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('split'),
    });
    expect(publisher.calls).toHaveLength(0);
  });

  it('refuses by Content-Length before reading', async () => {
    const { app } = testApp({ maxBodyBytes: 1_000 });
    const body = new ReadableStream<Uint8Array>({
      pull() {
        throw new Error('the body must not be read');
      },
    });
    const res = await app.request('/v1/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '5000', ...auth },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('stops a chunked body at the limit while streaming', async () => {
    const { app } = testApp({ maxBodyBytes: 10_000 });
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1_000;
        if (sent > 1_000_000) controller.close();
        else controller.enqueue(new Uint8Array(1_000).fill(32));
      },
    });
    const res = await app.request('/v1/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(sent).toBeLessThan(20_000);
  });

  it('answers a gzip bomb (50 MB of zeros) with 413', async () => {
    const { app } = testApp();
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    const res = await post(app, '/v1/batch', new Uint8Array(bomb), { ...auth, 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: 'payload_too_large', message: expect.stringContaining('decompressed') },
    });
  });
});

describe('content type and encoding', () => {
  it('accepts gzip bodies', async () => {
    const { app, publisher } = testApp();
    const res = await post(app, '/v1/batch', new Uint8Array(gzipSync(batchOf(track(), track()))), {
      ...auth,
      'content-encoding': 'gzip',
    });
    expect(await res.json()).toMatchObject({ accepted: 2 });
    expect(publisher.sink.records()).toHaveLength(2);
  });

  it('answers 400 for a body that is not gzip despite the header', async () => {
    const { app } = testApp();
    const { status, body } = await errorOf(
      post(app, '/v1/batch', batchOf(track()), { ...auth, 'content-encoding': 'gzip' }),
    );
    expect(status).toBe(400);
    expect(body.error.message).toContain('gzip');
  });

  it.each([
    ['content-type', 'multipart/form-data; boundary=x', 'unsupported_media_type'],
    ['content-type', 'application/x-www-form-urlencoded; charset=iso-8859-1', 'unsupported_media_type'],
    ['content-type', 'application/json; charset=latin1', 'unsupported_media_type'],
    ['content-encoding', 'br', 'unsupported_encoding'],
    ['content-encoding', 'gzip, br', 'unsupported_encoding'],
  ])('%s: %s → 415', async (header, value, code) => {
    const { app } = testApp();
    const { status, body } = await errorOf(
      post(app, '/v1/batch', batchOf(track()), { ...auth, [header]: value }),
    );
    expect(status).toBe(415);
    expect(body.error.code).toBe(code);
  });

  it("takes a form-typed JSON body (what RudderStack's Node SDK sends) and names real form fields", async () => {
    const { app, publisher } = testApp();
    const form = { ...auth, 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' };
    const ok = await post(app, '/v1/batch', gzipSync(batchOf(track())), form);
    expect(await ok.json()).toMatchObject({ ok: true, accepted: 1 });
    expect(publisher.sink.json('topic_app_events')).toHaveLength(1);

    const fields = 'type=track&event=Signed+Up&anonymousId=a-1';
    const { status, body } = await errorOf(
      post(app, '/v1/track', fields, { ...auth, 'content-type': 'application/x-www-form-urlencoded' }),
    );
    expect(status).toBe(400);
    expect(body.error.message).toContain('form fields are not read');
  });

  it('answers 415 when Content-Type is missing', async () => {
    const { app } = testApp();
    const res = await app.request('/v1/batch', {
      method: 'POST',
      headers: auth,
      body: new Uint8Array(Buffer.from(batchOf())),
    });
    expect(res.status).toBe(415);
  });
});

describe('never a 500 for anything a client sends', () => {
  const bodies = [
    '{',
    '}',
    'null',
    'true',
    '0',
    '[]',
    '{"batch":null}',
    '{"batch":[null,1,"x",[],{}]}',
    '{"batch":[{"type":"nope"}]}',
    '{"batch":[{"type":"track","event":"x","anonymousId":{}}]}',
    '{"batch":[],"context":[]}',
    '{"batch":[],"context":{"__proto__":1}}',
    '{"batch":[{"type":"track","event":"e","userId":1e309}]}',
    '\u0000',
    '{"batch":[{"type":"alias","userId":"u","previousId":null}]}',
    `{"batch":[${'1,'.repeat(3000)}1]}`,
  ];
  it.each(bodies.map((b) => [b.slice(0, 40), b]))('%s', async (_label, body) => {
    const { app } = testApp();
    for (const path of ['/v1/batch', '/v1/track', '/v1/alias']) {
      const res = await post(app, path, body, auth);
      expect(res.status).toBeLessThan(500);
    }
  });
});
