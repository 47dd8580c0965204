// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BUDGETS, buildBundle, gzipSize } from './bundles';

// esbuild's API runs a native binary: plain Node, not the happy-dom environment.
describe('size budget (gzip -9)', () => {
  it(`keeps the IIFE within ${BUDGETS.iife} bytes`, async () => {
    const size = gzipSize(await buildBundle('iife'));
    console.log(`inlet.js: ${size} bytes gzip -9 (budget ${BUDGETS.iife})`);
    expect(size).toBeLessThanOrEqual(BUDGETS.iife);
    // esbuild then terser: ~2 s alone, over 6 s on the shared 2-core machine under load.
  }, 60_000);

  it(`keeps the snippet within ${BUDGETS.snippet} bytes`, async () => {
    const code = await buildBundle('snippet');
    expect(code).toContain('_q');
    expect(gzipSize(code)).toBeLessThanOrEqual(BUDGETS.snippet);
  });
});
