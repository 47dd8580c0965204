/**
 * `--baseline <rev>`: Inlet's IIFE as it was at a git revision (see `withRevision`), built in the
 * same run as the working tree's so that a change is judged by a ratio taken under the same load.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withRevision } from '../shared/revision';

export interface Baseline {
  /** The revision as given, and its short commit id. */
  readonly rev: string;
  readonly commit: string;
  /** The IIFE built from that revision (minified as the budget measures it, unless asked not to). */
  readonly iife: string;
}

/**
 * `minify: false` keeps names for `--cpu-profile`, as for the working tree's IIFE; a revision
 * whose build script predates that option builds minified anyway.
 */
export async function buildBaseline(rev: string, { minify = true } = {}): Promise<Baseline> {
  return withRevision(rev, async (commit, dir) => {
    const bundles = (await import(pathToFileURL(join(dir, 'sdk-web', 'scripts', 'bundles.ts')).href)) as {
      buildBundle(name: 'iife', overrides?: { minify?: boolean }): Promise<string>;
    };
    return { rev, commit, iife: await bundles.buildBundle('iife', { minify }) };
  });
}
