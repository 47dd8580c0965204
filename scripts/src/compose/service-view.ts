/**
 * One Inlet service of docker-compose.yml seen as its bin sees it: the flags it ends up with
 * (command line and environment), where it listens, what 127.0.0.1 reaches from inside it, and
 * the settings it holds.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Json } from './compose-file';
import { type InletService, REPO_ROOT, type RepoCompose } from './repo-compose';
import { effectiveFlags, type Listener, listeners } from './service-args';

export function flagsOf(s: InletService): Map<string, readonly string[]> {
  return s.help ? effectiveFlags(s.command, s.env, s.help) : new Map(s.command.flags);
}

/** Where the Inlet service `name` listens (nothing for a service that is not one). */
export function listenersOf(repo: RepoCompose, name: string): Listener[] {
  const s = repo.inlet.find((i) => i.name === name);
  return s ? listeners(flagsOf(s)) : [];
}

/** The service whose network namespace `s` shares (itself by default). */
export function namespaceOf(s: InletService): string {
  const mode = s.service.network_mode;
  return typeof mode === 'string' && mode.startsWith('service:') ? mode.slice('service:'.length) : s.name;
}

/** What 127.0.0.1 reaches from inside a service: its own listeners and its namespace owner's. */
export function localListeners(repo: RepoCompose, s: InletService): Listener[] {
  const owner = namespaceOf(s);
  return owner === s.name
    ? listenersOf(repo, s.name)
    : [...listenersOf(repo, s.name), ...listenersOf(repo, owner)];
}

/** Strings a service's configuration holds: flag values and environment values. */
export function settingValues(s: InletService): string[] {
  return [...[...flagsOf(s).values()].flat(), ...Object.values(s.env)];
}

/** Environment names a config file passed with `--config` reads (`"env": "INLET_WEATHER_API_KEY"`). */
export async function configFileEnvNames(s: InletService): Promise<string[]> {
  const file = flagsOf(s).get('--config')?.at(-1);
  if (file === undefined || !existsSync(path.join(REPO_ROOT, file))) return [];
  const names: string[] = [];
  const walk = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'env' && typeof v === 'string') names.push(v);
        else walk(v);
      }
    }
  };
  walk(JSON.parse(await readFile(path.join(REPO_ROOT, file), 'utf8')) as Json);
  return names;
}
