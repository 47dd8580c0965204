/**
 * `--baseline <rev>`: Inlet's IIFE as it was at a git revision, measured in the same run as the
 * working tree's, so a change is judged by a ratio taken under the same load rather than against
 * figures from another hour of this shared machine. The revision's files come from `git archive`
 * into a temporary directory whose `node_modules` links to this checkout's packages, except the
 * `@inlet/*` workspaces, which point at the revision's own folders.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface Baseline {
  /** The revision as given, and its short commit id. */
  readonly rev: string;
  readonly commit: string;
  /** The IIFE built from that revision (minified as the budget measures it, unless asked not to). */
  readonly iife: string;
}

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
 * `minify: false` keeps names for `--cpu-profile`, as for the working tree's IIFE; a revision
 * whose build script predates that option builds minified anyway.
 */
export async function buildBaseline(rev: string, { minify = true } = {}): Promise<Baseline> {
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
    const bundles = (await import(pathToFileURL(join(dir, 'sdk-web', 'scripts', 'bundles.ts')).href)) as {
      buildBundle(name: 'iife', overrides?: { minify?: boolean }): Promise<string>;
    };
    return { rev, commit, iife: await bundles.buildBundle('iife', { minify }) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
