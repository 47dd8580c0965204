/**
 * `npm run size`: gzip -9 of Inlet's IIFE beside the anchors' script-tag bundles, all measured
 * in this run. Anchor tarballs come from `npm pack` into a cache outside the repository
 * (`$INLET_SIZE_CACHE`, default `~/.cache/inlet/size-anchors`); the table is printed and appended
 * to `bench/RESULTS.md` unless `--no-append` (`npm run size -- --no-append`, to look while working).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { buildBundle, gzipSize } from '@inlet/sdk-web/bundles';
import { transform } from 'esbuild';
import { startedDirectly } from '../shared/direct';
import { publishResults } from '../shared/results';
import { ANCHOR_BUNDLES, type AnchorBundle } from './anchors';

const exec = promisify(execFile);

interface Row {
  readonly name: string;
  readonly version: string;
  /** As the table shows it: path, and how it was prepared. */
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
  readonly note?: string;
}

/** The tarball of `anchor`, packed once into `cacheDir`. */
async function tarball(anchor: AnchorBundle, cacheDir: string): Promise<string> {
  const expected = join(cacheDir, `${anchor.pkg.replace(/^@/, '').replace('/', '-')}-${anchor.version}.tgz`);
  if (existsSync(expected)) return expected;
  const { stdout } = await exec(
    'npm',
    ['pack', `${anchor.pkg}@${anchor.version}`, '--pack-destination', cacheDir, '--json'],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) throw new Error(`npm pack ${anchor.pkg}@${anchor.version} reported no file`);
  return join(cacheDir, packed.filename);
}

async function measureAnchor(anchor: AnchorBundle, cacheDir: string): Promise<Row> {
  const tgz = await tarball(anchor, cacheDir);
  const { stdout } = await exec('tar', ['-xzOf', tgz, `package/${anchor.file}`], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  let code: string | Buffer = stdout;
  if (anchor.minify) code = (await transform(stdout.toString('utf8'), { minify: true, loader: 'js' })).code;
  return {
    name: anchor.name,
    version: anchor.version,
    file: `\`${anchor.file}\`${anchor.minify ? ', minified with esbuild' : ''}`,
    bytes: Buffer.byteLength(code),
    gzip: gzipSize(code),
    ...(anchor.note ? { note: anchor.note } : {}),
  };
}

const number = (n: number) => n.toLocaleString('en-US');

function table(rows: readonly Row[]): string {
  const inlet = rows[0]?.gzip ?? 1;
  const lines = [
    '| SDK | version | file | bytes | gzip -9 bytes | × Inlet |',
    '|---|---|---|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.version} | ${r.file}${r.note ? ` (${r.note})` : ''} | ${number(r.bytes)} | ` +
        `${number(r.gzip)} | ${(r.gzip / inlet).toFixed(1)} |`,
    ),
  ];
  return lines.join('\n');
}

export async function run(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({ args: [...args], options: { 'no-append': { type: 'boolean' } } });
  const cacheDir = process.env.INLET_SIZE_CACHE || join(homedir(), '.cache', 'inlet', 'size-anchors');
  await mkdir(cacheDir, { recursive: true });
  const ours = await buildBundle('iife');
  const { version } = JSON.parse(
    await readFile(new URL('../../../sdk-web/package.json', import.meta.url), 'utf8'),
  ) as {
    version: string;
  };
  const rows: Row[] = [
    {
      name: 'Inlet (@inlet/sdk-web)',
      version,
      file: '`dist/inlet.js`',
      bytes: Buffer.byteLength(ours),
      gzip: gzipSize(ours),
    },
  ];
  // One at a time: npm pack and tar are I/O bound and the machine is shared.
  for (const anchor of ANCHOR_BUNDLES) {
    try {
      rows.push(await measureAnchor(anchor, cacheDir));
    } catch (error) {
      console.error(`Could not measure ${anchor.pkg}@${anchor.version}: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
  const text = table(rows);
  console.log(text);
  const entry = [
    `\n## Bundle size, ${new Date().toISOString()}`,
    '',
    `Command: \`npm run size\` (node ${process.version}); anchors from \`npm pack\`, gzip level 9 (node zlib).`,
    '',
    text,
    '',
  ].join('\n');
  await publishResults(entry, { append: !values['no-append'], print: false });
}

// `npm run size` runs this file; `npm run bench -- size` imports it.
if (startedDirectly(import.meta.url)) {
  try {
    await run(process.argv.slice(2));
  } catch (error) {
    console.error(`npm run size: ${(error as Error).message}\nUsage: npm run size [-- --no-append]`);
    process.exitCode = 2;
  }
}
