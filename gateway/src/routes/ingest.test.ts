import { DeadLetterRecordSchema, EnrichedEventSchema } from '@inlet/schemas';
import { describe, expect, it } from 'vitest';
import { post, SERVER_KEY, testApp, track, WEB_KEY } from '../testing/test-app';

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe('POST /v1/batch', () => {
  it('stores valid events on their topics with keys and headers, in one publish', async () => {
    const { app, publisher } = testApp();
    const res = await post(
      app,
      '/v1/batch',
      {
        batch: [
          track({ userId: 'u-1', messageId: 'm-1' }),
          { type: 'click', anonymousId: 'a-2', element: { tag: 'button' } },
          { type: 'log', anonymousId: 'a-3', level: 'error', message: 'boom' },
        ],
      },
      { 'x-write-key': WEB_KEY },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, accepted: 3, rejected: [] });
    expect(publisher.calls).toHaveLength(1);
    const records = publisher.sink.records();
    expect(records.map((r) => [r.topic, r.key])).toEqual([
      ['topic_app_events', 'u-1'],
      ['topic_clickstream', 'a-2'],
      ['topic_app_logs', 'a-3'],
    ]);
    expect(records[0]?.headers).toEqual({
      'message-id': 'm-1',
      'event-type': 'track',
      'schema-version': '1',
      source: 'web',
      'received-at': '2024-05-01T12:00:00.000Z',
    });
    for (const value of publisher.sink.json('topic_app_events')) {
      expect(EnrichedEventSchema.safeParse(value).success).toBe(true);
    }
  });

  it('enriches: receivedAt, source, messageId, skew-corrected timestamp, batch context', async () => {
    const { app, publisher } = testApp();
    await post(
      app,
      '/v1/batch',
      {
        // The client's clock is 10 s fast: it sent at 12:00:10 its time, received at 12:00:00.
        sentAt: '2024-05-01T12:00:10.000Z',
        context: { library: { name: 'inlet-web', version: '1.0.0' }, locale: 'en' },
        batch: [track({ timestamp: '2024-05-01T12:00:05.000Z', context: { locale: 'de' } })],
      },
      { 'x-write-key': WEB_KEY },
    );
    const [stored] = publisher.sink.json('topic_app_events') as Record<string, unknown>[];
    expect(stored).toMatchObject({
      timestamp: '2024-05-01T11:59:55.000Z',
      originalTimestamp: '2024-05-01T12:00:05.000Z',
      sentAt: '2024-05-01T12:00:10.000Z',
      receivedAt: '2024-05-01T12:00:00.000Z',
      source: 'web',
      context: { library: { name: 'inlet-web', version: '1.0.0' }, locale: 'de' },
    });
    expect(stored?.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts the valid events, dead-letters the invalid one and lists it in rejected', async () => {
    const { app, publisher } = testApp();
    const res = await post(
      app,
      '/v1/batch',
      { batch: [track(), track({ event: 42, messageId: 'bad-1' }), track()] },
      { 'x-write-key': WEB_KEY },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      accepted: 2,
      rejected: [
        {
          index: 1,
          messageId: 'bad-1',
          errors: [{ path: 'batch[1].event', message: 'expected string, got number' }],
        },
      ],
    });
    expect(publisher.calls).toHaveLength(1);
    const [dead] = publisher.sink.records('topic_dead_letter');
    expect(dead?.key).toBe('bad-1');
    expect(dead?.headers['dead-letter-reason']).toBe('invalid_event');
    const record = DeadLetterRecordSchema.parse(JSON.parse(String(dead?.value)));
    expect(record).toMatchObject({
      reason: 'invalid_event',
      source: 'gateway',
      sourceName: 'web',
      index: 1,
      messageId: 'bad-1',
      originalTopic: 'topic_app_events',
      receivedAt: '2024-05-01T12:00:00.000Z',
      payload: { format: 'json', value: track({ event: 42, messageId: 'bad-1' }) },
    });
  });

  it('answers 503 with Retry-After and remembers nothing when the publish is not stored', async () => {
    for (const reason of ['unavailable', 'spool-full', 'shutting-down'] as const) {
      const { app, publisher } = testApp();
      publisher.failNext(reason, 12);
      const res = await post(app, '/v1/batch', { batch: [track()] }, { 'x-write-key': WEB_KEY });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('12');
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(publisher.sink.records()).toHaveLength(0);
    }
  });

  it('answers 503 when the sink behind the publisher is down, and 200 again when it is back', async () => {
    const { app, publisher } = testApp();
    publisher.sink.setAvailable(false);
    const down = await post(
      app,
      '/v1/batch',
      { batch: [track({ messageId: 'r-1' })] },
      { 'x-write-key': WEB_KEY },
    );
    expect(down.status).toBe(503);
    publisher.sink.setAvailable(true);
    const up = await post(
      app,
      '/v1/batch',
      { batch: [track({ messageId: 'r-1' })] },
      { 'x-write-key': WEB_KEY },
    );
    expect(await up.json()).toMatchObject({ accepted: 1 });
    // The retry was not taken for a duplicate: the failed attempt was never remembered.
    expect(publisher.sink.records('topic_app_events')).toHaveLength(1);
  });

  it('accepts an empty batch without publishing', async () => {
    const { app, publisher } = testApp();
    const res = await post(app, '/v1/batch', { batch: [] }, { 'x-write-key': WEB_KEY });
    expect(await res.json()).toEqual({ ok: true, accepted: 0, rejected: [] });
    expect(publisher.calls).toHaveLength(0);
  });
});

describe('auth', () => {
  const body = { batch: [track()] };

  it('takes the key as Basic user name, X-Write-Key, body writeKey or ?writeKey=', async () => {
    const { app, publisher } = testApp();
    const forms: [string, unknown, Record<string, string>][] = [
      ['/v1/batch', body, { authorization: basic(WEB_KEY) }],
      ['/v1/batch', body, { 'x-write-key': WEB_KEY }],
      ['/v1/batch', { ...body, writeKey: WEB_KEY }, {}],
      [`/v1/batch?writeKey=${WEB_KEY}`, body, {}],
      ['/v1/batch', body, { authorization: basic(SERVER_KEY) }],
    ];
    for (const [path, payload, headers] of forms) {
      const res = await post(app, path, payload, headers);
      expect(res.status).toBe(200);
    }
    expect(publisher.sink.records().map((r) => r.headers.source)).toEqual([
      'web',
      'web',
      'web',
      'web',
      'backend',
    ]);
    expect(JSON.stringify(publisher.sink.records())).not.toMatch(/wk_(web|server)_/);
  });

  it('follows the contract order: Basic, then the header, then the body, then the query', async () => {
    const { app } = testApp();
    const ok = await post(app, '/v1/batch', body, {
      authorization: basic(WEB_KEY),
      'x-write-key': 'wk_unknown_000',
    });
    expect(ok.status).toBe(200);
    const headerWins = await post(
      app,
      '/v1/batch?writeKey=wk_unknown_000',
      { ...body, writeKey: 'nope-nope' },
      { 'x-write-key': WEB_KEY },
    );
    expect(headerWins.status).toBe(200);
    const bodyWins = await post(app, '/v1/batch?writeKey=wk_unknown_000', { ...body, writeKey: WEB_KEY });
    expect(bodyWins.status).toBe(200);
  });

  it('answers 401 missing_write_key / unknown_write_key', async () => {
    const { app, publisher } = testApp();
    const missing = await post(app, '/v1/batch', body);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'missing_write_key' } });
    const unknown = await post(app, '/v1/batch', body, { 'x-write-key': 'wk_unknown_000' });
    expect(unknown.status).toBe(401);
    const json = (await unknown.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe('unknown_write_key');
    expect(json.error.message).not.toContain('wk_unknown_000');
    const emptyBasic = await post(app, '/v1/batch', body, { authorization: 'Basic Og==' });
    expect(emptyBasic.status).toBe(401);
    expect(publisher.calls).toHaveLength(0);
  });

  it('refuses a header key before reading the body', async () => {
    const { app } = testApp();
    const body = new ReadableStream<Uint8Array>({
      pull() {
        throw new Error('the body must not be read');
      },
    });
    const res = await app.request('/v1/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-write-key': 'wk_unknown_000' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(401);
  });
});

describe('single-event routes', () => {
  it.each(['track', 'page', 'screen', 'identify', 'group', 'alias'])(
    'POST /v1/%s stores the event with the route type',
    async (type) => {
      const { app, publisher } = testApp();
      const event = {
        anonymousId: 'a-1',
        userId: 'u-1',
        event: 'E',
        groupId: 'g-1',
        previousId: 'p-1',
        type: 'page',
      };
      const res = await post(app, `/v1/${type}`, event, { 'x-write-key': WEB_KEY });
      expect(await res.json()).toEqual({ ok: true, accepted: 1, rejected: [] });
      const [stored] = publisher.sink.json('topic_app_events') as { type: string }[];
      expect(stored?.type).toBe(type);
    },
  );

  it('answers 200 with the invalid event in rejected (index 0) and dead-letters it', async () => {
    const { app, publisher } = testApp();
    const res = await post(app, '/v1/group', { anonymousId: 'a-1' }, { 'x-write-key': WEB_KEY });
    expect(await res.json()).toEqual({
      ok: true,
      accepted: 0,
      rejected: [
        { index: 0, errors: [{ path: 'groupId', message: 'expected string or number, got undefined' }] },
      ],
    });
    expect(publisher.sink.records('topic_dead_letter')).toHaveLength(1);
  });

  it('answers 400 when the body is not an object', async () => {
    const { app } = testApp();
    const res = await post(app, '/v1/track', [track()], { 'x-write-key': WEB_KEY });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid_body', message: expect.stringContaining('JSON object') },
    });
  });

  it('takes a sendBeacon body: text/plain with the write key inside, never stored', async () => {
    const { app, publisher } = testApp();
    const res = await post(app, '/v1/track', JSON.stringify({ ...track(), writeKey: WEB_KEY }), {
      'content-type': 'text/plain;charset=UTF-8',
      origin: 'https://shop.example',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(publisher.sink.records()[0]?.value).not.toContain(WEB_KEY);
  });
});
