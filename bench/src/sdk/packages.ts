/**
 * The anchors' npm packages, unpacked: `npm pack` into the cache `npm run size` uses
 * (`$INLET_SIZE_CACHE`, default `~/.cache/inlet/size-anchors`), then extracted once beside it.
 * Nothing is written inside the repository.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const packageCacheDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env.INLET_SIZE_CACHE || join(homedir(), '.cache', 'inlet', 'size-anchors');

const tarballName = (pkg: string, version: string) =>
  `${pkg.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;

/** The directory holding `pkg@version`'s files (the tarball's `package/`), packed and extracted on first use. */
export async function unpackedPackage(pkg: string, version: string, cacheDir: string): Promise<string> {
  const name = tarballName(pkg, version);
  const dir = join(cacheDir, 'unpacked', name.replace(/\.tgz$/, ''));
  if (existsSync(join(dir, 'package', 'package.json'))) return join(dir, 'package');
  await mkdir(cacheDir, { recursive: true });
  let tgz = join(cacheDir, name);
  if (!existsSync(tgz)) {
    const { stdout } = await run(
      'npm',
      ['pack', `${pkg}@${version}`, '--pack-destination', cacheDir, '--json'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (!packed) throw new Error(`npm pack ${pkg}@${version} reported no file`);
    tgz = join(cacheDir, packed.filename);
  }
  // Extract next to the final place and rename, so an interrupted run leaves no half-written copy.
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  await run('tar', ['-xzf', tgz, '-C', partial]);
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return join(dir, 'package');
}
