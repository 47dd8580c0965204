// @vitest-environment node
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTopicNames } from '@inlet/schemas';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Snapshot, Tick } from '../src/console/model/protocol';
import { createDemoApp } from './app';
import { ConsoleHub } from './console/console-hub';
import { ConsoleStore } from './console/console-store';

const names = resolveTopicNames();

function setup(options: { readable?: boolean; tickMs?: number; maxListeners?: number } = {}) {
  const store = new ConsoleStore(names);
  const hub = new ConsoleHub({
    store,
    health: { latest: () => [] },
    source: () => ({ kind: 'local', describe: 'local logs under data', readable: options.readable ?? true }),
    tickMs: options.tickMs ?? 20,
    ...(options.maxListeners === undefined ? {} : { maxListeners: options.maxListeners }),
  });
  return { store, hub };
}

/** Reads SSE events from a streamed response until `count` arrived. */
async function readEvents(res: Response, count: number): Promise<{ event: string; data: unknown }[]> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: { event: string; data: unknown }[] = [];
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end = text.indexOf('\n\n');
    while (end >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data !== undefined) events.push({ event, data: JSON.parse(data) });
      end = text.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return events;
}

describe('createDemoApp', () => {
  it('answers /healthz, and /readyz by whether the topics can be read', async () => {
    const ok = createDemoApp(setup());
    expect(await (await ok.request('/healthz')).json()).toEqual({ ok: true });
    expect((await ok.request('/readyz')).status).toBe(200);
    const { hub } = setup({ readable: false });
    const notReady = createDemoApp({ hub, ready: () => ({ ok: false, reason: 'cannot read Kafka' }) });
    const res = await notReady.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, reason: 'cannot read Kafka' });
  });

  it('serves the built console page with a strict CSP, and says how to build it when missing', async () => {
    const missing = await createDemoApp(setup()).request('/pipeline');
    expect(missing.status).toBe(503);
    expect(await missing.text()).toMatch(/npm run build -w @inlet\/demo-site/);

    const distDir = await mkdtemp(join(tmpdir(), 'inlet-demo-dist-'));
    await writeFile(join(distDir, 'pipeline.html'), '<!doctype html><title>console</title>');
    const res = await createDemoApp({ ...setup(), distDir }).request('/pipeline');
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<title>console/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });

  it('mounts the storefront last: its routes answer what the console does not own', async () => {
    const storefront = new Hono().get('/', (c) => c.text('store')).get('/healthz', (c) => c.text('not me'));
    const app = createDemoApp({ ...setup(), storefront });
    expect(await (await app.request('/')).text()).toBe('store');
    expect(await (await app.request('/healthz')).json()).toEqual({ ok: true });
  });

  it('gives a snapshot with every topic of the catalogue', async () => {
    const { store, hub } = setup();
    store.add({
      topic: names.appEvents,
      partition: 2,
      offset: '41',
      key: 'a-1',
      headers: { 'event-type': 'track' },
      timestamp: Date.now(),
      value: '{"type":"track","event":"Search"}',
    });
    const snap = (await (await createDemoApp({ hub }).request('/api/console/snapshot')).json()) as Snapshot;
    expect(snap.topics).toEqual(Object.values(names));
    expect(snap.totals[names.appEvents]).toBe(1);
    expect(snap.records[0]).toMatchObject({ id: `${names.appEvents}/2/41`, type: 'track', label: 'Search' });
  });

  it('streams a snapshot, then ticks with the records that arrived since', async () => {
    const { store, hub } = setup();
    const res = await createDemoApp({ hub }).request('/api/console/stream');
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    store.add({
      topic: names.cdcChanges,
      partition: 0,
      offset: '7',
      key: null,
      headers: {},
      timestamp: Date.now(),
      value: '{"op":"c","source":{"schema":"public","table":"bookings"}}',
    });
    const events = await readEvents(res, 2);
    expect(events.map((e) => e.event)).toEqual(['snapshot', 'tick']);
    const tick = events[1]?.data as Tick;
    expect(tick.records.map((r) => [r.type, r.label])).toEqual([['c', 'public.bookings']]);
    hub.close();
  });

  it('ends every stream when the hub closes, and refuses new ones', async () => {
    const { hub } = setup({ tickMs: 10_000 });
    const app = createDemoApp({ hub });
    const res = await app.request('/api/console/stream');
    const reading = readEvents(res, 5);
    await new Promise((r) => setTimeout(r, 20));
    expect(hub.listeners).toBe(1);
    hub.close();
    expect((await reading).map((e) => e.event)).toEqual(['snapshot']);
    expect((await app.request('/api/console/stream')).status).toBe(503);
  });

  it('refuses pages beyond the limit with a reason', async () => {
    const { hub } = setup({ maxListeners: 1, tickMs: 10_000 });
    const app = createDemoApp({ hub });
    const first = await app.request('/api/console/stream');
    // Read the snapshot but keep the stream open.
    await (first.body as ReadableStream<Uint8Array>).getReader().read();
    expect(hub.listeners).toBe(1);
    const second = await app.request('/api/console/stream');
    expect(second.status).toBe(503);
    expect(await second.json()).toEqual({ error: expect.stringMatching(/too many console pages/) });
    hub.close();
  });
});
