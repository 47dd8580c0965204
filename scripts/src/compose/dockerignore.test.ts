import { describe, expect, it } from 'vitest';
import { isIgnored, parseDockerignore } from './dockerignore';

describe('isIgnored', () => {
  const rules = parseDockerignore(
    '# comment\n**/node_modules\ndata/\n*.log\n/build\ndocs/*.md\n!docs/keep.md\n',
  );

  it('matches at any depth with **, at the root otherwise', () => {
    expect(isIgnored(rules, 'node_modules/x/index.js')).toBe(true);
    expect(isIgnored(rules, 'gateway/node_modules/x')).toBe(true);
    expect(isIgnored(rules, 'data/gateway/spool')).toBe(true);
    expect(isIgnored(rules, 'collectors/data/x')).toBe(false);
    expect(isIgnored(rules, 'server.log')).toBe(true);
    expect(isIgnored(rules, 'gateway/server.log')).toBe(false);
    expect(isIgnored(rules, 'build/out.js')).toBe(true);
  });

  it('lets a later ! line bring a path back', () => {
    expect(isIgnored(rules, 'docs/other.md')).toBe(true);
    expect(isIgnored(rules, 'docs/keep.md')).toBe(false);
    expect(isIgnored(rules, 'scripts/src/compose/http-ready.mjs')).toBe(false);
  });
});
