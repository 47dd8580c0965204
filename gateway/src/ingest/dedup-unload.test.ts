import { describe, expect, it } from 'vitest';
import { post, testApp, track, WEB_KEY } from '../testing/test-app';
import { Dedup } from './dedup';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('Dedup of ids from unload requests', () => {
  it('remembers them for the unload window, and the others for the normal one', async () => {
    let now = 0;
    const d = new Dedup({
      windowMs: 10 * MINUTE,
      unloadWindowMs: 24 * HOUR,
      maxEntries: 100,
      now: () => now,
    });
    (await d.claim('k', ['beacon-1'], true)).commit();
    (await d.claim('k', ['json-1'])).commit();
    // Generations turn as requests come: two turns forget what only the normal memory held.
    for (now of [15 * MINUTE, 30 * MINUTE, 3 * HOUR]) await d.claim('k', []);
    const later = await d.claim('k', ['beacon-1', 'json-1']);
    expect(later.duplicate).toEqual([true, false]); // the page's next visit, hours later
    later.release();
    for (now of [25 * HOUR, 49 * HOUR]) await d.claim('k', []); // two unload windows: forgotten too
    expect((await d.claim('k', ['beacon-1'])).duplicate).toEqual([false]);
  });

  it('keeps no second memory when the unload window is not longer, and none with dedup off', async () => {
    const now = 0;
    const same = new Dedup({ windowMs: 1_000, unloadWindowMs: 1_000, maxEntries: 100, now: () => now });
    (await same.claim('k', ['a'], true)).commit();
    expect(same.size).toBe(1);
    const off = new Dedup({ windowMs: 0, unloadWindowMs: HOUR, maxEntries: 100, now: () => now });
    const claim = await off.claim('k', ['a', 'a'], true);
    claim.commit();
    expect([claim.duplicate, off.size]).toEqual([[false, false], 0]);
  });

  it('forgets an unload claim whose publish failed, so its retry is stored', async () => {
    const d = new Dedup({ windowMs: 1_000, unloadWindowMs: HOUR, maxEntries: 100, now: () => 0 });
    (await d.claim('k', ['a'], true)).release();
    expect((await d.claim('k', ['a'])).duplicate).toEqual([false]);
  });
});

describe('unload dedup in the app', () => {
  it('drops a JSON resend, after the normal window, of events a text/plain request stored', async () => {
    let now = Date.parse('2024-05-01T12:00:00.000Z');
    const { app, publisher } = testApp({ dedupWindowMs: 10 * MINUTE }, { now: () => now });
    const events = [track({ messageId: 'm-1' }), track({ messageId: 'm-2' })];
    const unload = JSON.stringify({ batch: events, writeKey: WEB_KEY });
    const first = await post(app, '/v1/batch', unload, { 'content-type': 'text/plain;charset=UTF-8' });
    expect(first.status).toBe(200);
    // Other traffic turns the generations; the page died before reading the answer, and its next
    // visit sends the events again two hours later.
    for (const step of [15, 30, 120]) {
      now += step * MINUTE;
      await post(
        app,
        '/v1/batch',
        { batch: [track({ messageId: `other-${step}` })] },
        { 'x-write-key': WEB_KEY },
      );
    }
    const resend = await post(
      app,
      '/v1/batch',
      { batch: [...events, track({ messageId: 'm-3' })] },
      {
        'x-write-key': WEB_KEY,
      },
    );
    expect(await resend.json()).toEqual({ ok: true, accepted: 3, rejected: [] });
    const stored = () => publisher.sink.records().map((r) => r.headers['message-id']);
    expect(stored().filter((id) => id?.startsWith('m-'))).toEqual(['m-1', 'm-2', 'm-3']);

    // A JSON request's ids are kept only for the normal window.
    for (const step of [15, 30]) {
      now += step * MINUTE;
      await post(app, '/v1/batch', { batch: [track({ messageId: 'm-3' })] }, { 'x-write-key': WEB_KEY });
    }
    expect(stored().filter((id) => id === 'm-3')).toHaveLength(2);
  });
});
