/**
 * The Inlet image's Dockerfile and build context, read without Docker: the base image, what
 * `npm ci` needs copied before it runs, the sources after it, the bins on PATH, a non-root user,
 * and a .dockerignore that keeps the host's node_modules and local data out.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPaths, fromImage, parseDockerfile } from './dockerfile';
import { hasExplicitTag, REPO_ROOT } from './repo-compose';

describe('the Dockerfile', () => {
  const dockerfile = parseDockerfile(readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8'));
  const npmCi = dockerfile.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));

  it('starts from node with an explicit tag, of the major version in .nvmrc', () => {
    const from = dockerfile.filter((i) => i.keyword === 'FROM').map((i) => fromImage(i.args));
    const nvmrc = readFileSync(path.join(REPO_ROOT, '.nvmrc'), 'utf8').trim();
    expect(from).toHaveLength(1);
    expect(hasExplicitTag(from[0] ?? '')).toBe(true);
    expect(from[0]).toMatch(new RegExp(`^node:${nvmrc.split('.')[0]}[.-]`));
  });

  it('copies everything `npm ci` needs before running it: lockfile, every workspace manifest, patches/', () => {
    expect(npmCi, 'a RUN npm ci').toBeGreaterThan(0);
    const copied = dockerfile
      .slice(0, npmCi)
      .filter((i) => i.keyword === 'COPY')
      .flatMap((i) => {
        const { sources, destination } = copyPaths(i.args);
        // A directory's contents land in the destination; a file lands in it when it ends with `/`.
        return sources.map((s) => {
          const dir = s.endsWith('/') || statSync(path.join(REPO_ROOT, s)).isDirectory();
          if (dir || !destination.endsWith('/')) return destination;
          return path.posix.join(destination, path.posix.basename(s));
        });
      })
      .map((p) => path.posix.normalize(p).replace(/\/$/, ''));
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      workspaces: string[];
    };
    const needed = [
      'package.json',
      'package-lock.json',
      'patches',
      ...manifest.workspaces.map((w) => `${w}/package.json`),
    ];
    expect(needed.filter((n) => !copied.includes(n))).toEqual([]);
    for (const n of needed) expect(existsSync(path.join(REPO_ROOT, n)), n).toBe(true);
  });

  it('copies the sources after the install, works in /app and puts the bins on PATH', () => {
    const after = dockerfile.slice(npmCi + 1);
    const copiesAll = (args: string) => {
      const { sources, destination } = copyPaths(args);
      return sources.length === 1 && sources[0] === '.' && /^\.\/?$/.test(destination);
    };
    expect(after.some((i) => i.keyword === 'COPY' && copiesAll(i.args))).toBe(true);
    expect(dockerfile.find((i) => i.keyword === 'WORKDIR')?.args).toBe('/app');
    expect(dockerfile.find((i) => i.keyword === 'ENV' && i.args.startsWith('PATH'))?.args).toContain(
      '/app/node_modules/.bin',
    );
  });

  it('runs as the unprivileged node user', () => {
    expect(dockerfile.filter((i) => i.keyword === 'USER').at(-1)?.args).toBe('node');
  });

  it("keeps the host's node_modules and local data out of the build context (.dockerignore)", () => {
    const ignored = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'data/', '.git/']));
  });
});
