import { describe, expect, it, vi } from 'vitest';
import { post, testApp, track, WEB_KEY } from '../testing/test-app';
import { Dedup } from './dedup';
import { RecentIds } from './recent-ids';

describe('RecentIds', () => {
  it('remembers an id for at least one window and forgets it within two', () => {
    const ids = new RecentIds<boolean>(100, 100, 0);
    ids.set('k', 'a', true);
    ids.tick(99);
    expect(ids.get('k', 'a')).toBe(true);
    ids.tick(100); // a new generation: 'a' is in the previous one, still remembered
    ids.set('k', 'b', true);
    expect([ids.get('k', 'a'), ids.get('k', 'b')]).toEqual([true, true]);
    ids.tick(199);
    expect(ids.get('k', 'a')).toBe(true);
    ids.tick(200); // 'a' was stored at 0: gone after two windows; 'b' (150) stays
    expect([ids.get('k', 'a'), ids.get('k', 'b')]).toEqual([undefined, true]);
  });

  it('turns early when the current generation holds half the bound, so at most the bound is held', () => {
    const ids = new RecentIds<boolean>(4, 1_000_000, 0);
    for (const id of ['a', 'b']) ids.set('k', id, true);
    ids.tick(1); // full: turns
    for (const id of ['c', 'd']) ids.set('k', id, true);
    ids.tick(2); // turns again: a and b are dropped
    ids.set('k', 'e', true);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => ids.get('k', id) ?? false)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(ids.size).toBe(3);
  });

  it('keeps scopes apart, counts a re-set id once, and deletes only the value asked for', () => {
    const ids = new RecentIds<string>(100, 100, 0);
    ids.set('a', 'x', 'first');
    ids.set('a', 'x', 'second');
    expect([ids.get('a', 'x'), ids.get('b', 'x')]).toEqual(['second', undefined]);
    expect(ids.size).toBe(1);
    ids.deleteIf('a', 'x', 'first');
    expect(ids.get('a', 'x')).toBe('second');
    ids.tick(100);
    ids.deleteIf('a', 'x', 'second'); // also from the previous generation
    expect(ids.get('a', 'x')).toBeUndefined();
  });
});

describe('Dedup', () => {
  const dedup = () => new Dedup({ windowMs: 1_000, maxEntries: 100, now: () => 0 });

  it('remembers ids only when committed', async () => {
    const d = dedup();
    const first = await d.claim('k', ['a', undefined, 'a']);
    expect(first.duplicate).toEqual([false, false, true]);
    first.release();
    const retry = await d.claim('k', ['a']);
    expect(retry.duplicate).toEqual([false]);
    retry.commit();
    expect((await d.claim('k', ['a'])).duplicate).toEqual([true]);
    expect((await d.claim('other-key', ['a'])).duplicate).toEqual([false]);
  });

  it('makes a concurrent duplicate wait for the in-flight outcome', async () => {
    const d = dedup();
    const owner = await d.claim('k', ['a', 'b']);
    let waiterDone = false;
    const waiter = d.claim('k', ['b', 'c']).then((claim) => {
      waiterDone = true;
      return claim;
    });
    await Promise.resolve();
    expect(waiterDone).toBe(false);
    owner.commit();
    expect((await waiter).duplicate).toEqual([true, false]);
  });

  it('lets the waiter publish itself when the in-flight publish failed', async () => {
    const d = dedup();
    const owner = await d.claim('k', ['a']);
    const waiter = d.claim('k', ['a']);
    owner.release();
    expect((await waiter).duplicate).toEqual([false]);
  });

  it('keeps an in-flight claim across a generation turn, and forgets a stored id after two windows', async () => {
    let now = 0;
    const d = new Dedup({ windowMs: 100, maxEntries: 100, now: () => now });
    const owner = await d.claim('k', ['a']);
    now = 150; // the next claim turns the generation while 'a' is being published
    let waited = false;
    const waiter = d.claim('k', ['a']).then((claim) => {
      waited = true;
      return claim;
    });
    await Promise.resolve();
    expect(waited).toBe(false);
    owner.commit();
    expect((await waiter).duplicate).toEqual([true]);
    now = 260;
    expect((await d.claim('k', ['a'])).duplicate).toEqual([true]); // one turn later: still known
    now = 370;
    expect((await d.claim('k', ['a'])).duplicate).toEqual([false]); // two turns: forgotten
  });

  it('does nothing with a zero window', async () => {
    const d = new Dedup({ windowMs: 0, maxEntries: 10, now: () => 0 });
    const claim = await d.claim('k', ['a', 'a']);
    claim.commit();
    expect(claim.duplicate).toEqual([false, false]);
  });
});

describe('dedup in the app', () => {
  it('acknowledges a retried batch without storing it again, and counts it', async () => {
    const { app, publisher, registry } = testApp();
    const body = { batch: [track({ messageId: 'm-1' }), track({ messageId: 'm-2' })] };
    await post(app, '/v1/batch', body, { 'x-write-key': WEB_KEY });
    const retry = await post(app, '/v1/batch', body, { 'x-write-key': WEB_KEY });
    expect(await retry.json()).toEqual({ ok: true, accepted: 2, rejected: [] });
    expect(publisher.calls).toHaveLength(1);
    expect(publisher.sink.records()).toHaveLength(2);
    expect(await registry.metrics()).toContain(
      'inlet_gateway_events_deduplicated_total{topic="topic_app_events"} 2',
    );
  });

  it('dead-letters a retried invalid event once, and still stores it once corrected', async () => {
    const { app, publisher } = testApp();
    const invalid = { type: 'track', messageId: 'bad-1', anonymousId: 'a-1' }; // a track without `event`
    const body = { batch: [track({ messageId: 'm-1' }), invalid] };
    for (const _ of [1, 2]) {
      const response = await post(app, '/v1/batch', body, { 'x-write-key': WEB_KEY });
      expect(await response.json()).toMatchObject({
        accepted: 1,
        rejected: [{ index: 1, messageId: 'bad-1' }],
      });
    }
    expect(publisher.sink.records('topic_dead_letter').map((r) => r.key)).toEqual(['bad-1']);
    const fixed = { batch: [{ ...invalid, event: 'Signed Up' }] };
    await post(app, '/v1/batch', fixed, { 'x-write-key': WEB_KEY });
    expect(publisher.sink.records('topic_app_events').map((r) => r.headers['message-id'])).toEqual([
      'm-1',
      'bad-1',
    ]);
  });

  it('stores a concurrent duplicate once', async () => {
    const { app, publisher } = testApp();
    let open = () => {};
    publisher.gate = new Promise((resolve) => {
      open = resolve;
    });
    const body = { batch: [track({ messageId: 'm-1' })] };
    const first = post(app, '/v1/batch', body, { 'x-write-key': WEB_KEY });
    const second = post(app, '/v1/batch', body, { 'x-write-key': WEB_KEY });
    await vi.waitFor(() => expect(publisher.calls).toHaveLength(1));
    await new Promise((resolve) => setImmediate(resolve));
    open();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(publisher.sink.records()).toHaveLength(1);
  });
});
