import { describe, expect, it } from 'vitest';
import { buildBaseline } from './baseline';

describe('buildBaseline', () => {
  it('builds the IIFE of a revision, minified unless asked for names (profiles)', async () => {
    const [minified, named] = await Promise.all([
      buildBaseline('HEAD'),
      buildBaseline('HEAD', { minify: false }),
    ]);
    expect(minified.commit).toMatch(/^[0-9a-f]{7,}$/);
    expect(named.commit).toBe(minified.commit);
    expect(named.iife).toContain('function createIdbStore');
    expect(minified.iife).not.toContain('createIdbStore');
    expect(minified.iife.length).toBeLessThan(named.iife.length / 1.5);
  }, 60_000);

  it('names a revision git does not know, and how to give one', async () => {
    await expect(buildBaseline('no-such-rev')).rejects.toThrow(/--baseline: "no-such-rev" is not a commit/);
  });
});
