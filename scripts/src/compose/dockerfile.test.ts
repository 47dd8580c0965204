import { describe, expect, it } from 'vitest';
import { copyPaths, fromImage, parseDockerfile } from './dockerfile';

describe('parseDockerfile', () => {
  it('joins continuations, drops comments and upper-cases keywords', () => {
    const text =
      '# syntax=docker/dockerfile:1\nFROM node:20-slim AS base\n\nrun npm ci \\\n  # inside\n  --no-audit\nCOPY . .\n';
    expect(parseDockerfile(text)).toEqual([
      { keyword: 'FROM', args: 'node:20-slim AS base', line: 2 },
      { keyword: 'RUN', args: 'npm ci --no-audit', line: 4 },
      { keyword: 'COPY', args: '. .', line: 7 },
    ]);
  });

  it('reads COPY sources and destination, with flags dropped or in the JSON form', () => {
    expect(copyPaths('--chown=node:node a b ./')).toEqual({ sources: ['a', 'b'], destination: './' });
    expect(copyPaths('["a b", "c/"]')).toEqual({ sources: ['a b'], destination: 'c/' });
  });

  it('reads the image of FROM', () => {
    expect(fromImage('--platform=linux/amd64 node:20-bookworm-slim AS build')).toBe('node:20-bookworm-slim');
  });
});
