/**
 * What an Inlet bin accepts, read from the bin itself: `<bin> [subcommand] --help`. The flags it
 * lists, the environment variables it names (`env PG_URL`, `$KAFKA_BROKERS`, an `Environment:`
 * section), and which flag each variable stands for when they share a help line.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CliHelp {
  readonly text: string;
  /** Every `--flag` the text mentions. */
  readonly flags: ReadonlySet<string>;
  /** Every environment variable it names (upper case with an underscore: PG_URL, KAFKA_BROKERS). */
  readonly envNames: ReadonlySet<string>;
  /** Variable → the flag on the same help line (`INLET_GATEWAY_PORT` → `--port`). */
  readonly envFlags: ReadonlyMap<string, string>;
}

const FLAG = /(?<![\w-])--[a-z][a-z0-9-]*/g;
const ENV_NAME = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b/g;

/** Parses a help text (exported for its test). */
export function parseHelp(text: string): CliHelp {
  const flags = new Set(text.match(FLAG) ?? []);
  const envNames = new Set(text.match(ENV_NAME) ?? []);
  const envFlags = new Map<string, string>();
  for (const line of text.split('\n')) {
    const flag = line.match(FLAG)?.[0];
    if (flag === undefined) continue;
    for (const name of line.match(ENV_NAME) ?? []) if (!envFlags.has(name)) envFlags.set(name, flag);
  }
  return { text, flags, envNames, envFlags };
}

/** bin name → launcher path (repository-relative), from every workspace's package.json `bin`. */
export async function workspaceBins(root: string): Promise<Map<string, string>> {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  const bins = new Map<string, string>();
  for (const workspace of manifest.workspaces) {
    const pkg = JSON.parse(await readFile(path.join(root, workspace, 'package.json'), 'utf8')) as {
      bin?: Record<string, string>;
    };
    for (const [name, file] of Object.entries(pkg.bin ?? {})) bins.set(name, path.join(workspace, file));
  }
  return bins;
}

/**
 * Runs `node <launcher> [...subcommand] --help` from `root` and parses what it prints. Throws with
 * the bin's own output when it fails, so a bin that cannot start says why.
 */
export async function readHelp(
  root: string,
  launcher: string,
  subcommand: readonly string[],
): Promise<CliHelp> {
  const args = [path.join(root, launcher), ...subcommand, '--help'];
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: root, timeout: 60_000 });
    return parseHelp(`${stdout}\n${stderr}`);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `\`node ${launcher} ${[...subcommand, '--help'].join(' ')}\` failed: ${(error as Error).message}\n${stdout}${stderr}`,
    );
  }
}
