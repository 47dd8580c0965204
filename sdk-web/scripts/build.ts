/** `npm run build -w @inlet/sdk-web`: writes dist/inlet.js, dist/inlet.esm.js and dist/snippet.min.js. */
// biome-ignore lint/correctness/noNodejsModules: build tooling runs in Node.
import { mkdir, writeFile } from 'node:fs/promises';
// biome-ignore lint/correctness/noNodejsModules: build tooling runs in Node.
import { dirname, join } from 'node:path';
import { BUDGETS, BUNDLES, type BundleName, buildBundle, gzipSize, SDK_WEB_DIR } from './bundles';

const names = Object.keys(BUNDLES) as BundleName[];
for (const name of names) {
  const code = await buildBundle(name);
  const out = join(SDK_WEB_DIR, BUNDLES[name].outfile);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, code);
  const budget = name in BUDGETS ? ` (budget ${BUDGETS[name as keyof typeof BUDGETS]})` : '';
  console.log(`${BUNDLES[name].outfile}: ${code.length} bytes, ${gzipSize(code)} gzip -9${budget}`);
}
