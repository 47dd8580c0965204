import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Inlet } from './inlet';
import { fakeGateway, type SentEvent } from './testing/fake-gateway';

type Win = Window & { inlet?: unknown };
let delivered: SentEvent[] = [];

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  localStorage.clear();
  const gateway = fakeGateway();
  delivered = gateway.delivered;
  vi.stubGlobal('fetch', vi.fn(gateway.fetch));
});
afterEach(async () => {
  await ((window as Win).inlet as Inlet | undefined)?.close(0);
  delete (window as Win).inlet;
  document.head.innerHTML = '';
  vi.unstubAllGlobals();
});

/** The script tag as a page writes it (no src: the module import below stands for the load). */
function scriptTag(data: Record<string, string>): void {
  const tag = document.createElement('script');
  for (const [key, value] of Object.entries(data)) tag.dataset[key] = value;
  document.head.append(tag);
}

async function loadScripts(): Promise<void> {
  vi.resetModules();
  await import('./iife');
}

describe('script tag build', () => {
  it('replays the snippet queue in order, before the first autocaptured page view', async () => {
    vi.resetModules();
    await import('./snippet');
    const stub = (window as Win).inlet as Record<string, (...args: unknown[]) => void>;
    stub.identify?.('u42', { plan: 'team' });
    stub.track?.('First', { n: 1 });
    stub.track?.('Second', { n: 2 });

    scriptTag({ writeKey: 'wk_tag', endpoint: 'https://collect.example', clicks: 'false', flushAt: '1000' });
    await loadScripts();
    const inlet = (window as Win).inlet as Inlet;
    expect('_q' in inlet).toBe(false);
    inlet.track('Third');
    await inlet.flush();

    expect(delivered.map((e) => e.event ?? e.type)).toEqual(['identify', 'First', 'Second', 'page', 'Third']);
    expect(delivered.every((e) => e.userId === 'u42')).toBe(true);
    expect(vi.mocked(fetch).mock.calls[0]?.[0]).toBe('https://collect.example/v1/batch');
  });

  it('reports a missing write key and leaves the page alone', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    scriptTag({ endpoint: 'https://collect.example' });
    await loadScripts();
    expect((window as Win).inlet).toBeUndefined();
    expect(String(error.mock.calls[0]?.[1])).toContain('writeKey');
    error.mockRestore();
  });
});
