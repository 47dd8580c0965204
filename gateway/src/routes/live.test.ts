import { describe, expect, it, vi } from 'vitest';
import { ADMIN_TOKEN, post, testApp, track, WEB_KEY } from '../testing/test-app';

/** Reads SSE frames until `done` says stop. */
async function readFrames(
  body: ReadableStream<Uint8Array>,
  done: (frames: string[]) => boolean,
): Promise<string[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    text += decoder.decode(next.value, { stream: true });
    const frames = text.split('\n\n').filter((f) => f !== '');
    if (done(frames)) {
      await reader.cancel();
      return frames;
    }
  }
  return text.split('\n\n');
}

describe('GET /v1/live', () => {
  it('needs the admin token', async () => {
    const { app } = testApp();
    expect((await app.request('/v1/live')).status).toBe(401);
  });

  it('streams counters at once and each accepted event, and unsubscribes on disconnect', async () => {
    const { app } = testApp();
    const listeners = async () =>
      /inlet_gateway_live_listeners (\d+)/.exec(await (await app.request('/metrics')).text())?.[1];
    const res = await app.request('/v1/live', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const body = res.body;
    if (body === null) throw new Error('no body');
    const frames = readFrames(body, (f) => f.some((frame) => frame.startsWith('event: event')));
    await vi.waitFor(async () => expect(await listeners()).toBe('1'));
    await post(app, '/v1/batch', { batch: [track({ messageId: 'live-1' })] }, { 'x-write-key': WEB_KEY });
    const got = await frames;
    expect(got[0]).toContain('event: hello');
    expect(got.some((f) => f.startsWith('event: counters'))).toBe(true);
    const event = got.find((f) => f.startsWith('event: event')) ?? '';
    expect(JSON.parse(event.split('data: ')[1] ?? '')).toMatchObject({
      topic: 'topic_app_events',
      key: 'anon-1',
      event: { messageId: 'live-1', source: 'web' },
    });
    // readFrames cancelled the stream, as a disconnecting client does.
    await vi.waitFor(async () => expect(await listeners()).toBe('0'));
  });

  it('ends the stream when the app signal aborts', async () => {
    const controller = new AbortController();
    const { app } = testApp({}, { signal: controller.signal });
    const res = await app.request('/v1/live', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const body = res.body;
    if (body === null) throw new Error('no body');
    controller.abort();
    const frames = await readFrames(body, () => false);
    expect(frames[0]).toContain('event: hello');
  });
});
