import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInlet, type Inlet } from './index';
import { fakeGateway } from './testing/fake-gateway';

let fetchMock: ReturnType<typeof vi.fn>;
let inlet: Inlet | undefined;
let gateway = fakeGateway();
/** Every event the fake gateway acknowledged, in order. */
const received = () => gateway.delivered;

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  localStorage.clear();
  history.replaceState(null, '', '/home');
  gateway = fakeGateway();
  fetchMock = vi.fn(gateway.fetch);
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(async () => {
  await inlet?.close(0);
  inlet = undefined;
  vi.unstubAllGlobals();
});

const start = (options: Partial<Parameters<typeof createInlet>[0]> = {}) => {
  inlet = createInlet({ writeKey: 'wk_1', endpoint: 'https://collect.example', flushAt: 1_000, ...options });
  return inlet;
};

describe('createInlet', () => {
  it('sends tracked events with the page context and the library', async () => {
    const sdk = start({ autocapture: false });
    sdk.identify('u1', { plan: 'pro' });
    sdk.track('Signed Up', { source: 'ad' });
    await sdk.flush();
    const [identify, track] = received();
    expect(identify).toMatchObject({ type: 'identify', userId: 'u1', traits: { plan: 'pro' } });
    expect(track).toMatchObject({
      type: 'track',
      event: 'Signed Up',
      userId: 'u1',
      properties: { source: 'ad' },
      context: { library: { name: '@inlet/sdk-web' }, page: { path: '/home' } },
    });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('https://collect.example/v1/batch');
  });

  it('keeps working in memory when IndexedDB is blocked, telling onError once', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const errors: { code: string; message: string }[] = [];
    const sdk = start({ autocapture: false, onError: (error) => errors.push(error) });
    sdk.track('First');
    await sdk.flush();
    sdk.track('Second');
    await sdk.flush();
    expect(received().map((e) => e.event)).toEqual(['First', 'Second']);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'store', message: 'IndexedDB failed: queue in memory' }),
    ]);
  });

  it("keeps the queue in memory with persistence: 'memory', never opening IndexedDB, capped by the options", async () => {
    const open = vi.fn(() => {
      throw new Error('IndexedDB must not be opened');
    });
    vi.stubGlobal('indexedDB', { open });
    const errors: unknown[] = [];
    const sdk = start({
      autocapture: false,
      persistence: 'memory',
      maxQueueEvents: 2,
      onError: (error) => errors.push(error),
    });
    sdk.track('First');
    sdk.track('Second');
    sdk.track('Third');
    await sdk.flush();
    expect(received().map((e) => e.event)).toEqual(['Second', 'Third']);
    expect(open).not.toHaveBeenCalled();
    // The oldest event went to the cap, and nothing told of a store failure.
    expect(errors).toEqual([
      expect.objectContaining({ code: 'cap', message: '1 events dropped (cap): queue full' }),
    ]);
  });

  it('captures page views, SPA navigations, clicks and errors', async () => {
    document.body.innerHTML = '<button id="buy" class="cta">Buy now</button>';
    const sdk = start();
    history.pushState({}, '', '/pricing');
    document.getElementById('buy')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    dispatchEvent(new ErrorEvent('error', { error: new RangeError('bad index'), message: 'bad index' }));
    await sdk.flush();
    const events = received();
    expect(events.map((e) => e.type)).toEqual(['page', 'page', 'click', 'log']);
    expect(events[0]).toMatchObject({ properties: { path: '/home' } });
    expect(events[1]).toMatchObject({ properties: { path: '/pricing' } });
    expect(events[2]).toMatchObject({ element: { tag: 'button', selector: '#buy', text: 'Buy now' } });
    expect(events[3]).toMatchObject({ level: 'error', message: 'bad index', error: { name: 'RangeError' } });
  });

  it('keeps the queue in IndexedDB across a reload until it is sent', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const before = start({ autocapture: false, retry: { backoffBase: 1 } });
    before.track('Queued');
    await before.flush();
    await before.close(0);
    expect(received()).toEqual([]);

    fetchMock.mockImplementation(gateway.fetch);
    start({ autocapture: false }); // the reloaded page
    await vi.waitFor(() => expect(received().map((e) => e.event)).toEqual(['Queued']));
  });

  it('pauses offline and sends at once when back online', async () => {
    const sdk = start({ autocapture: false });
    dispatchEvent(new Event('offline'));
    sdk.track('While offline');
    await sdk.flush();
    expect(fetchMock).not.toHaveBeenCalled();
    dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(received().map((e) => e.event)).toEqual(['While offline']));
  });

  it('sends by keepalive fetch when the page is hidden; a failed send keeps the events for the next one', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch')); // the gateway is unreachable
    const sdk = start({ autocapture: false, retry: { backoffBase: 60_000 } });
    sdk.track('Last words');
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Reflect.deleteProperty(document, 'hidden');
    await vi.waitFor(() => expect(sdk.stats().retried).toBe(1));
    const [, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(init).toMatchObject({ keepalive: true, headers: { 'Content-Type': 'text/plain' } });
    expect(JSON.parse(init.body as string)).toMatchObject({
      writeKey: 'wk_1',
      batch: [{ event: 'Last words' }],
    });
    expect(received()).toEqual([]);

    fetchMock.mockImplementation(gateway.fetch); // back: resume() sends without waiting out the backoff
    dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(received().map((e) => e.event)).toEqual(['Last words']));
    expect(sdk.stats()).toMatchObject({ acknowledged: 1, retried: 1 });
    expect(await sdk.close(0)).toBe(0);
  });

  it('sends the whole queue on unload, in keepalive requests of at most 64 KB, each carrying the write key', async () => {
    const sdk = start({ autocapture: false, flushInterval: 60_000 }); // nothing leaves before the unload
    // Three times maxBatchEvents (100), about 290 KB (under maxBatchBytes, so no flush starts
    // before the unload): one unload flush must send all of it.
    for (let i = 0; i < 300; i++) sdk.track(`big-${i}`, { pad: 'x'.repeat(400) });
    dispatchEvent(new Event('pagehide'));
    await vi.waitFor(() => expect(received()).toHaveLength(300));
    const bodies = fetchMock.mock.calls.map(([, init]) => (init as RequestInit).body as string);

    expect(bodies.length).toBeGreaterThanOrEqual(5);
    for (const body of bodies) {
      expect(new TextEncoder().encode(body).byteLength).toBeLessThanOrEqual(65_536);
      expect(JSON.parse(body).writeKey).toBe('wk_1');
    }
    const names = received().map((e) => e.event);
    expect(names.sort()).toEqual(Array.from({ length: 300 }, (_, i) => `big-${i}`).sort());
    expect(await sdk.close(0)).toBe(0); // answered: nothing left in IndexedDB
  });

  it('stops collecting and purges the queue on opt-out', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const sdk = start({ autocapture: false });
    sdk.track('Before');
    await sdk.flush();
    await sdk.optOut();
    sdk.track('After');
    expect(sdk.stats().dropped.consent).toBe(2);
    await sdk.close(0);
    expect(await start({ autocapture: false }).close(0)).toBe(0); // nothing left in IndexedDB
  });
});
