/**
 * Makes sure the demo site's pages are built before the demo server serves them: the SDK's
 * script-tag files (sdk-web `dist/`) and the Vite build of the storefront and console
 * (`demo-site/dist`). Builds only what is missing or older than its sources, so `npm start` on a
 * built tree costs a few stat calls.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const DEMO_DIR = fileURLToPath(new URL('..', import.meta.url));
/** sdk-web's package folder (its `bundles` export is `scripts/bundles.ts`). */
export const SDK_WEB_DIR = join(dirname(fileURLToPath(import.meta.resolve('@inlet/sdk-web/bundles'))), '..');
/** The files the storefront needs from sdk-web: the IIFE it loads and the snippet it inlines. */
export const SDK_FILES = ['dist/inlet.js', 'dist/snippet.min.js'] as const;

export interface EnsureDemoBuiltOptions {
  /** Build both again even when they look current. Default false. */
  force?: boolean;
}

/** Thrown when a build fails; says which build and how to run it by hand. */
export class DemoBuildError extends Error {
  override readonly name = 'DemoBuildError';
  constructor(
    readonly part: 'sdk-web' | 'vite',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isDemoBuildError = (error: unknown): error is DemoBuildError => error instanceof DemoBuildError;

/** Newest modification time of the files under `dir` (recursively). */
async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? await newestMtime(path) : (await stat(path)).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

const mtime = async (path: string) => (existsSync(path) ? (await stat(path)).mtimeMs : 0);

/** sdk-core's sources, which the IIFE bundles too. */
const SDK_CORE_SRC = dirname(fileURLToPath(import.meta.resolve('@inlet/sdk-core')));

async function sdkIsCurrent(): Promise<boolean> {
  const built = Math.min(...(await Promise.all(SDK_FILES.map((file) => mtime(join(SDK_WEB_DIR, file))))));
  if (built === 0) return false;
  const sources = Math.max(await newestMtime(join(SDK_WEB_DIR, 'src')), await newestMtime(SDK_CORE_SRC));
  return built >= sources;
}

async function buildSdk(force: boolean): Promise<void> {
  if (!force && (await sdkIsCurrent())) return;
  // sdk-web's own build script, so the bytes are the ones its size budget checks.
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', join(SDK_WEB_DIR, 'scripts/build.ts')], {
      cwd: SDK_WEB_DIR,
    });
  } catch (error) {
    throw new DemoBuildError(
      'sdk-web',
      `building the SDK's script-tag files failed; run \`npm run build -w @inlet/sdk-web\` to see why`,
      { cause: error },
    );
  }
}

/** Vite needs both pages; the console's page is written by its own developer, this is only a stand-in. */
async function ensurePipelinePage(): Promise<void> {
  const page = join(DEMO_DIR, 'pipeline.html');
  if (existsSync(page)) return;
  await writeFile(
    page,
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Inlet pipeline</title></head>\n<body><p>The pipeline console is not built yet.</p></body></html>\n',
  );
}

async function viteIsCurrent(distDir: string): Promise<boolean> {
  const built = await mtime(join(distDir, 'index.html'));
  if (built === 0) return false;
  const sources = Math.max(
    await newestMtime(join(DEMO_DIR, 'src')),
    await mtime(join(DEMO_DIR, 'index.html')),
    await mtime(join(DEMO_DIR, 'pipeline.html')),
    await mtime(join(DEMO_DIR, 'vite.config.ts')),
  );
  return built >= sources;
}

/**
 * Builds into a staging folder, then swaps it in: a demo server already serving `dist/` (npm start
 * while the tests rebuild) never sees it half-written. The staging folder sits under the
 * git-ignored `.cache/`, on the same file system, so the swap is two renames.
 */
async function viteBuild(distDir: string): Promise<void> {
  const { build } = await import('vite');
  const staging = join(DEMO_DIR, '.cache', `dist-${process.pid}-${Date.now()}`);
  const old = `${staging}-old`;
  try {
    await build({
      configFile: join(DEMO_DIR, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: staging, emptyOutDir: true },
    });
    if (existsSync(distDir)) await rename(distDir, old);
    await rename(staging, distDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}

/**
 * Builds sdk-web's dist when missing or older than the SDK's sources, and the Vite pages when `dist/` is missing or older than the
 * sources; resolves with the folder to serve. Rejects with a `DemoBuildError` naming the build.
 */
export async function ensureDemoBuilt(options: EnsureDemoBuiltOptions = {}): Promise<{ distDir: string }> {
  const force = options.force ?? false;
  const distDir = join(DEMO_DIR, 'dist');
  await buildSdk(force);
  await ensurePipelinePage();
  if (!force && (await viteIsCurrent(distDir))) return { distDir };
  try {
    await viteBuild(distDir);
  } catch (error) {
    throw new DemoBuildError(
      'vite',
      `building the demo site failed; run \`npm run build -w @inlet/demo-site\` to see why`,
      { cause: error },
    );
  }
  return { distDir };
}
