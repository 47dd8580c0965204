/**
 * The repository's docker-compose.yml with what its checks need beside it: which services run the
 * Inlet image, the bin each runs and that bin's own `--help`. Bins that a workspace declares but
 * has not written yet (the launcher file is missing) are listed instead of failing the load.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type CliHelp, readHelp, workspaceBins } from './cli-help';
import {
  type ComposeFile,
  commandOf,
  environmentOf,
  isObject,
  type JsonObject,
  readCompose,
} from './compose-file';
import { type ParsedCommand, parseCommand } from './service-args';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
export const COMPOSE_PATH = path.join(REPO_ROOT, 'docker-compose.yml');

export interface InletService {
  readonly name: string;
  readonly service: JsonObject;
  readonly command: ParsedCommand;
  readonly env: Readonly<Record<string, string>>;
  /** Repository-relative launcher of the bin; undefined when no workspace declares the bin. */
  readonly launcher: string | undefined;
  /** The bin's `--help` (with its subcommand); undefined when the launcher file does not exist yet. */
  readonly help: CliHelp | undefined;
}

export interface RepoCompose {
  readonly compose: ComposeFile;
  /** bin name → launcher, from the workspaces' package.json files. */
  readonly bins: ReadonlyMap<string, string>;
  readonly inlet: readonly InletService[];
  /** Declared bins whose launcher file is missing, with the services that run them. */
  readonly missingLaunchers: readonly { readonly service: string; readonly launcher: string }[];
}

/** Images built from this repository (a service with `build:`), by name. */
export function builtImages(compose: ComposeFile): Set<string> {
  return new Set(
    Object.values(compose.services)
      .filter((s) => s.build !== undefined && typeof s.image === 'string')
      .map((s) => String(s.image)),
  );
}

export async function loadRepoCompose(): Promise<RepoCompose> {
  const compose = await readCompose(COMPOSE_PATH);
  const bins = await workspaceBins(REPO_ROOT);
  const images = builtImages(compose);
  const runsInlet = (s: JsonObject) => s.build !== undefined || images.has(String(s.image));
  const entries = Object.entries(compose.services).filter(([, s]) => runsInlet(s));
  const helps = new Map<string, Promise<CliHelp>>();
  const missingLaunchers: { service: string; launcher: string }[] = [];
  const pending = entries.map(([name, service]) => {
    const command = parseCommand(commandOf(service));
    const launcher = bins.get(command.bin);
    let help: Promise<CliHelp | undefined> = Promise.resolve(undefined);
    if (launcher !== undefined && !existsSync(path.join(REPO_ROOT, launcher))) {
      missingLaunchers.push({ service: name, launcher });
    } else if (launcher !== undefined) {
      const key = [launcher, ...command.subcommand].join(' ');
      const read = helps.get(key) ?? readHelp(REPO_ROOT, launcher, command.subcommand);
      helps.set(key, read);
      help = read;
    }
    return help.then((h) => ({ name, service, command, env: environmentOf(service), launcher, help: h }));
  });
  return { compose, bins, inlet: await Promise.all(pending), missingLaunchers };
}

/** The top-level `configs:` entry's inline content (compose ≥ 2.23 `content:`), if any. */
export function configContent(compose: ComposeFile, name: string): string | undefined {
  const configs = compose.top.configs;
  if (!isObject(configs)) return undefined;
  const entry = configs[name];
  return isObject(entry) && typeof entry.content === 'string' ? entry.content : undefined;
}

/** The service running an image whose name starts with `prefix` (e.g. `apache/kafka:`). */
export function serviceByImage(compose: ComposeFile, prefix: string): [string, JsonObject] {
  const found = Object.entries(compose.services).find(([, s]) => String(s.image ?? '').startsWith(prefix));
  if (!found) throw new Error(`no service runs an image ${prefix}…`);
  return found;
}

/** `image[:tag][@digest]` has a tag other than latest, or a digest. */
export function hasExplicitTag(image: string): boolean {
  if (image.includes('@sha256:')) return true;
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest';
}
