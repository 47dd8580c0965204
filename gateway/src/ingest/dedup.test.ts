import { describe, expect, it, vi } from 'vitest';
import { post, testApp, track, WEB_KEY } from '../app/testing';
import { Dedup } from './dedup';
import { RecentIds } from './recent-ids';

describe('RecentIds', () => {
  it('forgets ids after the window and beyond the size bound', () => {
    let now = 0;
    const recent = new RecentIds(2, 100);
    const k = recent.scope('k');
    const ids = { add: (id: string) => recent.add(k, id, now), has: (id: string) => recent.has(k, id, now) };
    ids.add('a');
    ids.add('b');
    ids.add('c');
    expect([ids.has('a'), ids.has('b'), ids.has('c')]).toEqual([false, true, true]);
    now = 100;
    expect(ids.has('b')).toBe(false);
    ids.add('d');
    expect(recent.size).toBe(1);
  });

  it('keeps a re-added id until its newest expiry, also after the ring wraps', () => {
    let now = 0;
    const recent = new RecentIds(3, 100);
    const k = recent.scope('k');
    const ids = { add: (id: string) => recent.add(k, id, now), has: (id: string) => recent.has(k, id, now) };
    ids.add('a');
    now = 10;
    ids.add('b');
    ids.add('a'); // newer expiry; the old slot of 'a' is now stale
    now = 105; // the first 'a' slot expires, the second must keep it
    ids.add('c');
    expect([ids.has('a'), ids.has('b'), ids.has('c')]).toEqual([true, true, true]);
    for (const id of ['d', 'e', 'f']) ids.add(id); // wraps: the oldest live entries go first
    expect(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ids.has(id))).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(recent.size).toBe(3);
  });

  it('keeps scopes apart under one bound', () => {
    const recent = new RecentIds(2, 100);
    const [a, b] = [recent.scope('a'), recent.scope('b')];
    recent.add(a, 'x', 0);
    expect([recent.has(a, 'x', 1), recent.has(b, 'x', 1)]).toEqual([true, false]);
    recent.add(b, 'x', 1);
    recent.add(b, 'y', 2); // the bound is shared: a's 'x' is the oldest and goes
    expect([recent.has(a, 'x', 3), recent.has(b, 'x', 3), recent.has(b, 'y', 3)]).toEqual([
      false,
      true,
      true,
    ]);
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
