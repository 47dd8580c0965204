import { TOPIC_KEYS } from '@inlet/schemas';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, post, testApp, track, WEB_KEY } from '../testing/test-app';

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('health', () => {
  it('healthz is always 200; readyz follows the publisher', async () => {
    const { app, publisher } = testApp();
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(200);
    publisher.currentStatus = { ready: false, sink: 'kafka', kafka: 'disconnected' };
    const notReady = await app.request('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      ok: false,
      reason: expect.stringContaining('disconnected'),
    });
    expect((await app.request('/healthz')).status).toBe(200);
  });
});

describe('metrics', () => {
  it('exposes requests, events, produce latency and publisher state', async () => {
    const { app, publisher } = testApp();
    await post(app, '/v1/batch', { batch: [track(), { type: 'track' }] }, { 'x-write-key': WEB_KEY });
    await post(app, '/v1/batch', { batch: [] });
    publisher.currentStatus = {
      ready: true,
      sink: 'kafka',
      kafka: 'disconnected',
      spool: { bytes: 2048, quotaBytes: 4096, oldestAgeMs: 1500 },
    };
    const res = await app.request('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const line of [
      'inlet_gateway_http_requests_total{route="/v1/batch",method="POST",status="200"} 1',
      'inlet_gateway_http_requests_total{route="/v1/batch",method="POST",status="401"} 1',
      'inlet_gateway_events_accepted_total{topic="topic_app_events"} 1',
      'inlet_gateway_events_rejected_total{topic="topic_app_events"} 1',
      'inlet_gateway_produce_duration_seconds_count{result="kafka"} 1',
      'inlet_gateway_spool_bytes 2048',
      'inlet_gateway_spool_oldest_age_seconds 1.5',
      'inlet_gateway_kafka_connection{state="disconnected"} 1',
      'inlet_gateway_kafka_connection{state="connected"} 0',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('sits behind the admin token when protectMetrics is set', async () => {
    const { app } = testApp({ protectMetrics: true });
    expect((await app.request('/metrics')).status).toBe(401);
    expect(
      (await app.request('/metrics', { headers: { authorization: 'Bearer wrong-token-wrong-token' } }))
        .status,
    ).toBe(401);
    expect((await app.request('/metrics', { headers: bearer })).status).toBe(200);
  });

  it('admin endpoints do not exist without an admin token', async () => {
    const { app } = testApp({ protectMetrics: true, adminToken: undefined });
    expect((await app.request('/metrics', { headers: bearer })).status).toBe(404);
    expect((await app.request('/v1/live', { headers: bearer })).status).toBe(404);
  });

  it('labels unknown routes as unmatched', async () => {
    const { app } = testApp();
    await app.request('/no/such/route');
    expect(await (await app.request('/metrics')).text()).toContain(
      'route="unmatched",method="GET",status="404"',
    );
  });
});

describe('openapi and docs', () => {
  it('openapi.json is OpenAPI 3.1 listing every route', async () => {
    const { app } = testApp();
    const doc = (await (await app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/batch',
        '/v1/track',
        '/v1/page',
        '/v1/screen',
        '/v1/identify',
        '/v1/group',
        '/v1/alias',
        '/v1/pixel/{type}',
        '/healthz',
        '/readyz',
        '/metrics',
        '/v1/live',
        '/schemas/{topic}',
        '/openapi.json',
        '/docs',
      ]),
    );
    expect(doc.paths['/v1/batch']?.post).toMatchObject({
      responses: { 200: {}, 400: {}, 401: {}, 413: {}, 415: {}, 429: {}, 503: {} },
    });
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Event', 'BatchRequest', 'BatchResponse', 'ErrorResponse']),
    );
    // Every $ref points at a component.
    for (const [, name] of JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)) {
      expect(doc.components.schemas).toHaveProperty(name ?? '');
    }
  });

  it('docs is a self-contained page listing the endpoints', async () => {
    const { app } = testApp();
    const res = await app.request('/docs');
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('/v1/batch');
    expect(html).toContain('/v1/pixel/{type}');
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/);
  });
});

describe('schemas', () => {
  it('serves each topic’s JSON Schema by name or key, 404 otherwise', async () => {
    const { app } = testApp({ topics: { appEvents: 'custom_events' } });
    const byName = await app.request('/schemas/custom_events');
    expect(byName.status).toBe(200);
    expect(await byName.json()).toMatchObject({ title: 'custom_events', 'x-inlet-topic-key': 'appEvents' });
    expect((await app.request('/schemas/deadLetter')).status).toBe(200);
    expect((await app.request('/schemas/topic_nope')).status).toBe(404);
    const list = (await (await app.request('/schemas')).json()) as { topics: unknown[] };
    expect(list.topics).toHaveLength(TOPIC_KEYS.length);
  });
});
