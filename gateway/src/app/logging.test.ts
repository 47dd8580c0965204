import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { post, testApp, track, WEB_KEY } from '../testing/test-app';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line !== '') lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ logLevel: 'info' }, stream) };
}

describe('request log', () => {
  it('logs one JSON line per request without write keys or full ips', async () => {
    const { lines, logger } = capture();
    const { app } = testApp(
      { writeKeys: [{ key: WEB_KEY, source: 'web', ipPolicy: 'keep' }] },
      { logger, peerAddress: () => '203.0.113.77' },
    );
    await post(app, `/v1/batch?writeKey=${WEB_KEY}`, { batch: [track(), { type: 'x' }] });
    await post(app, '/v1/batch', { batch: [] }, { 'x-write-key': 'wk_wrong_key_123' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      msg: 'request',
      method: 'POST',
      route: '/v1/batch',
      status: 200,
      source: 'web',
      ip: '203.0.113.0',
      accepted: 1,
      rejected: 1,
    });
    expect(lines[1]).toMatchObject({ status: 401, code: 'unknown_write_key' });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(WEB_KEY);
    expect(text).not.toContain('wk_wrong_key_123');
    expect(text).not.toContain('203.0.113.77');
  });

  it('logs only 4xx/5xx requests with accessLog "errors"', async () => {
    const { lines, logger } = capture();
    const { app } = testApp({ accessLog: 'errors' }, { logger });
    await post(app, '/v1/batch', { batch: [track()] }, { 'x-write-key': WEB_KEY });
    await post(app, '/v1/batch', { batch: [] }, { 'x-write-key': 'wk_wrong_key_123' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => l.status)).toEqual([401]);
  });

  it('redacts a write key that reaches a log call by mistake', () => {
    const { lines, logger } = capture();
    logger.info(
      { writeKey: WEB_KEY, req: { headers: { authorization: 'Basic x', 'x-write-key': WEB_KEY } } },
      'oops',
    );
    expect(JSON.stringify(lines)).not.toContain(WEB_KEY);
  });
});

describe('unexpected failures', () => {
  it('answer 500 with Retry-After and the contract body, and are logged as errors', async () => {
    const { lines, logger } = capture();
    const { app } = testApp(
      {},
      {
        logger,
        peerAddress: () => {
          throw new Error('bug');
        },
      },
    );
    const res = await post(app, '/v1/batch', { batch: [track()] }, { 'x-write-key': WEB_KEY });
    expect(res.status).toBe(500);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.some((l) => l.level === 50)).toBe(true);
  });
});
