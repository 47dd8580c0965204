import { afterEach, describe, expect, it, vi } from 'vitest';
import { replayCalls } from './replay';
import { isSnippetStub, type SnippetCall } from './snippet-types';

type Win = Window & { inlet?: unknown };

afterEach(() => {
  delete (window as Win).inlet;
});

/** The snippet is an IIFE with no exports: a fresh import runs it against `window` again. */
async function runSnippet(): Promise<void> {
  vi.resetModules();
  await import('./snippet');
}

async function loadSnippet(): Promise<Record<string, (...args: unknown[]) => void>> {
  await runSnippet();
  const stub = (window as Win).inlet;
  if (!isSnippetStub(stub)) throw new Error('the snippet did not define window.inlet');
  return stub as unknown as Record<string, (...args: unknown[]) => void>;
}

describe('snippet and replay', () => {
  it('queues calls made before the script loads and replays them in order', async () => {
    const stub = await loadSnippet();
    stub.identify?.('u1', { plan: 'pro' });
    stub.track?.('Signed Up', { a: 1 });
    stub.page?.();
    stub.log?.('info', 'hello');

    const seen: string[] = [];
    const api = {
      identify: (id: string) => seen.push(`identify ${id}`),
      track: (name: string) => seen.push(`track ${name}`),
      page: () => seen.push('page'),
      log: (_level: string, message: string) => seen.push(`log ${message}`),
    };
    replayCalls((stub as unknown as { _q: SnippetCall[] })._q, api);
    expect(seen).toEqual(['identify u1', 'track Signed Up', 'page', 'log hello']);
  });

  it('leaves an already loaded inlet alone', async () => {
    const real = { track: () => {} };
    (window as Win).inlet = real;
    await runSnippet();
    expect((window as Win).inlet).toBe(real);
  });

  it('reports a failing call and goes on with the rest', () => {
    const seen: string[] = [];
    const errors: string[] = [];
    const api = {
      track: (name: string) => {
        if (name === 'bad') throw new Error('boom');
        seen.push(name);
      },
    };
    const calls: SnippetCall[] = [
      ['track', ['a']],
      ['track', ['bad']],
      ['nope', []], // not a method: skipped
      ['track', ['b']],
    ];
    replayCalls(calls, api, (_error, call) => errors.push(call[0]));
    expect(seen).toEqual(['a', 'b']);
    expect(errors).toEqual(['track']);
  });
});
