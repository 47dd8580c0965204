// @vitest-environment node
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeHtml } from '@inlet/schemas/escape-html';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPage, storefrontRoutes } from './index';

const TEMPLATE = `<!doctype html><html><head><!--inlet:snippet-->
<script src="/inlet.js" data-write-key="__INLET_WRITE_KEY__" data-endpoint="__INLET_ENDPOINT__" async></script>
<script type="module" src="/assets/store-abc.js"></script></head><body><div id="app"></div></body></html>`;

describe('renderPage', () => {
  it('fills the write key and endpoint attribute-escaped, and inlines the snippet', () => {
    const page = renderPage(TEMPLATE, {
      writeKey: 'wk_"><script>alert(1)</script>',
      endpoint: 'http://127.0.0.1:8787/?a=1&b=$&',
      snippet: 'window.inlet={_q:[]}',
    });
    expect(page).toContain('data-write-key="wk_&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(page).toContain('data-endpoint="http://127.0.0.1:8787/?a=1&amp;b=$&amp;"');
    expect(page).toContain('<script>window.inlet={_q:[]}</script>');
    expect(page).not.toContain('__INLET_');
  });

  it('refuses a page without its placeholders, saying how to rebuild', () => {
    expect(() => renderPage('<html></html>', { writeKey: 'k', endpoint: '', snippet: '' })).toThrow(
      /no __INLET_WRITE_KEY__.*npm run build -w @inlet\/demo-site/,
    );
  });

  it('escapes the five attribute-breaking characters', () => {
    expect(escapeHtml(`&"'<>`)).toBe('&amp;&quot;&#39;&lt;&gt;');
  });
});

describe('storefrontRoutes', () => {
  let dir: string;
  let distDir: string;
  let sdkDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-storefront-'));
    distDir = join(dir, 'dist');
    sdkDir = join(dir, 'sdk');
    await mkdir(join(distDir, 'assets'), { recursive: true });
    await mkdir(join(sdkDir, 'dist'), { recursive: true });
    await writeFile(join(distDir, 'index.html'), TEMPLATE);
    await writeFile(join(distDir, 'assets/store-abc.css'), 'body{}');
    await writeFile(join(distDir, 'assets/store-abc.js'), 'console.log(1)');
    await writeFile(join(sdkDir, 'dist/inlet.js'), '/*iife*/');
    await writeFile(join(sdkDir, 'dist/snippet.min.js'), '/*snippet*/\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const app = () =>
    storefrontRoutes({ distDir, sdkDir, writeKey: 'wk_demo', endpoint: 'http://127.0.0.1:8787' });

  it('serves the filled page on / and on every history route', async () => {
    for (const path of [
      '/',
      '/index.html',
      '/search?q=Lisbon',
      '/property/lis-101',
      '/checkout',
      '/checkout/done',
      '/account',
    ]) {
      const res = await app().request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const body = await res.text();
      expect(body, path).toContain('data-write-key="wk_demo"');
      expect(body, path).toContain('<script>/*snippet*/</script>');
    }
  });

  it('serves the SDK, the service worker and the build files with their content types', async () => {
    const routes = app();
    const sdk = await routes.request('/inlet.js');
    expect([sdk.status, sdk.headers.get('content-type'), await sdk.text()]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      '/*iife*/',
    ]);
    const sw = await routes.request('/sw.js');
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(await sw.text()).toContain("addEventListener('fetch'");
    const css = await routes.request('/assets/store-abc.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('cache-control')).toMatch(/immutable/);
    const js = await routes.request('/assets/store-abc.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await routes.request('/assets/missing.js')).status).toBe(404);
    expect((await routes.request('/../package.json')).status).toBe(404);
  });

  it('serves the new page after a rebuild (new asset names)', async () => {
    const routes = app();
    expect(await (await routes.request('/')).text()).toContain('store-abc.js');
    await writeFile(join(distDir, 'index.html'), TEMPLATE.replace('store-abc.js', 'store-def.js'));
    // Another modification time than the first write, whatever the file system's resolution.
    await utimes(join(distDir, 'index.html'), new Date(), new Date(Date.now() + 5_000));
    expect(await (await routes.request('/search')).text()).toContain('store-def.js');
    await writeFile(join(distDir, 'index.html'), TEMPLATE);
  });

  it('fails at creation, naming the fix, when the build is missing', () => {
    expect(() =>
      storefrontRoutes({ distDir: join(dir, 'nope'), sdkDir, writeKey: 'k', endpoint: '' }),
    ).toThrow(/storefront: cannot read the built page .*npm run build -w @inlet\/demo-site/);
    expect(() =>
      storefrontRoutes({ distDir, sdkDir: join(dir, 'nope'), writeKey: 'k', endpoint: '' }),
    ).toThrow(/the SDK snippet .*npm run build -w @inlet\/sdk-web/);
  });
});
