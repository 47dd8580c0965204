/**
 * `--baseline <rev>`: the repository as it was at a git revision, so a change is judged by a ratio
 * taken in the same run, under the same load, rather than against figures from another hour of
 * this shared machine. The revision's files come from `git archive` into a temporary directory
 * whose `node_modules` links to this checkout's packages, except the `@inlet/*` workspaces, which
 * point at the revision's own folders.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** A revision git knows, as its short commit id; a clear error otherwise. */
async function resolve(rev: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', ROOT, 'rev-parse', '--short', '--verify', `${rev}^{commit}`]);
    return stdout.trim();
  } catch {
    throw new Error(
      `--baseline: ${JSON.stringify(rev)} is not a commit of this repository (try HEAD~1 or a commit id)`,
    );
  }
}

/**
 * Calls `use` with the revision's short commit id and a directory holding its tree (its packages
 * importable by their `@inlet/*` names), and removes the directory once `use` settled.
 */
export async function withRevision<T>(
  rev: string,
  use: (commit: string, dir: string) => Promise<T>,
): Promise<T> {
  const commit = await resolve(rev);
  const dir = await mkdtemp(join(tmpdir(), 'inlet-bench-baseline-'));
  try {
    await run('bash', ['-c', 'git -C "$1" archive "$2" | tar -x -C "$3"', 'archive', ROOT, commit, dir]);
    const modules = join(dir, 'node_modules');
    await mkdir(join(modules, '@inlet'), { recursive: true });
    for (const name of await readdir(join(ROOT, 'node_modules'))) {
      if (name !== '@inlet') await symlink(join(ROOT, 'node_modules', name), join(modules, name));
    }
    for (const name of await readdir(join(ROOT, 'node_modules', '@inlet'))) {
      await symlink(join(dir, name), join(modules, '@inlet', name));
    }
    return await use(commit, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
