/**
 * The three browser bundles and how they are made: esbuild bundles (and minifies), then terser
 * minifies the script-tag files once more. Shared by the build script, the size budget test and
 * `npm run size`, so all three measure the same bytes.
 */
// biome-ignore lint/correctness/noNodejsModules: build tooling runs in Node.
import { fileURLToPath } from 'node:url';
// biome-ignore lint/correctness/noNodejsModules: build tooling runs in Node.
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { minify } from 'terser';

export const SDK_WEB_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Gzip budgets, checked in CI by `size-budget.test.ts`. */
export const BUDGETS = { iife: 8_192, snippet: 1_024 } as const;

export const BUNDLES = {
  /** `<script src="inlet.js" data-write-key="…" async>`: everything, minified. */
  iife: { entryPoints: ['src/iife.ts'], format: 'iife', minify: true, outfile: 'dist/inlet.js' },
  /** For bundlers: `import { createInlet } from '@inlet/sdk-web'`. */
  esm: { entryPoints: ['src/index.ts'], format: 'esm', minify: false, outfile: 'dist/inlet.esm.js' },
  /** Pasted inline before the script tag. */
  snippet: { entryPoints: ['src/snippet.ts'], format: 'iife', minify: true, outfile: 'dist/snippet.min.js' },
} as const satisfies Record<string, BuildOptions>;
export type BundleName = keyof typeof BUNDLES;

const common: BuildOptions = {
  absWorkingDir: SDK_WEB_DIR,
  bundle: true,
  platform: 'browser',
  target: ['es2022'],
  legalComments: 'none',
  logLevel: 'silent',
};

/** Builds one bundle in memory and returns its code; `minify: false` keeps names (profiling). */
export async function buildBundle(
  name: BundleName,
  overrides: { readonly minify?: boolean } = {},
): Promise<string> {
  const options = { ...BUNDLES[name], minify: overrides.minify ?? BUNDLES[name].minify };
  const result = await build({ ...common, ...options, write: false });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for the ${name} bundle`);
  if (!options.minify) return file.text;
  // Terser after esbuild: its mangler gives every scope the same few short names and inlines
  // single-use functions, which gzip rewards (`npm run size` shows the result). Four passes: each
  // pass past two still saves bytes, a fifth next to none.
  const { code } = await minify(file.text, {
    ecma: 2020,
    compress: { passes: 4 },
    // ASCII only: a page served in a legacy charset must not garble the script's strings.
    format: { comments: false, ascii_only: true },
  });
  if (code === undefined) throw new Error(`terser produced no output for the ${name} bundle`);
  return code;
}

/** Bytes after gzip at level 9, the figure the size budget and the anchors' table use. */
export function gzipSize(code: string | Uint8Array): number {
  return gzipSync(code, { level: 9 }).byteLength;
}
