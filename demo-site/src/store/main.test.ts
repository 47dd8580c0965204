import { beforeAll, describe, expect, it } from 'vitest';

// The snippet's stub, as the page has it before /inlet.js loads: calls are queued in order.
const queued: [string, unknown[]][] = [];
const stub: Record<string, unknown> = { _q: queued };
for (const method of ['track', 'page', 'identify', 'log', 'flush', 'reset', 'optOut', 'optIn']) {
  stub[method] = (...args: unknown[]) => {
    queued.push([method, args]);
  };
}

describe('the storefront booting on a page', () => {
  beforeAll(async () => {
    localStorage.clear();
    sessionStorage.clear();
    history.replaceState(null, '', '/');
    document.body.innerHTML = '<div id="app"></div>';
    (globalThis as { inlet?: unknown }).inlet = stub;
    await import('./main');
  });

  it('renders the home page, the consent banner and the debug button', () => {
    expect(document.title).toBe('Coastline · Stays and flights');
    expect(document.querySelector('.brand')?.textContent).toContain('Coastline');
    expect(document.querySelector('.hero h1')?.textContent).toMatch(/Find your next stay/);
    expect(document.querySelectorAll('.dest-card')).toHaveLength(8);
    expect(document.querySelector('#cookie-banner')).not.toBeNull();
    expect(document.querySelector('#debug-toggle')?.textContent).toContain('Inlet debug');
  });

  it('searches through the router and tracks the search through window.inlet', () => {
    (document.querySelector('#search') as HTMLInputElement).value = 'Porto';
    (document.querySelector('#search-form') as HTMLFormElement).requestSubmit();
    expect(location.pathname).toBe('/search');
    expect(document.title).toBe('Stays in Porto · Coastline');
    expect(document.querySelectorAll('.product-card')).toHaveLength(6);
    const search = queued.find(([method, args]) => method === 'track' && args[0] === 'Products Searched');
    expect(search?.[1][1]).toMatchObject({ query: 'Porto', results: 6, guests: 2 });
  });

  it('sends "Reject" to optOut and remembers it', () => {
    (document.querySelector('#cookie-reject') as HTMLButtonElement).click();
    expect(queued.at(-1)?.[0]).toBe('optOut');
    expect(localStorage.getItem('coastline.consent')).toBe('denied');
    expect(document.querySelector('#cookie-banner')).toBeNull();
  });

  it('opens the debug drawer, which says the script is still loading', () => {
    (document.querySelector('#debug-toggle') as HTMLButtonElement).click();
    expect(document.querySelector('[data-k=loaded]')?.textContent).toMatch(/loading/);
  });
});
