import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where Inlet keeps downloaded jars and the dev broker's state: `$INLET_CACHE_DIR`, else
 * `${XDG_CACHE_HOME:-~/.cache}/inlet`. Always outside the repository.
 */
export function inletCacheDir(env: Env = process.env): string {
  if (env.INLET_CACHE_DIR) return resolve(env.INLET_CACHE_DIR);
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg ? resolve(xdg) : join(homedir(), '.cache'), 'inlet');
}

/** The jars of one Kafka release: `<cache>/kafka-<version>/libs`. */
export function kafkaInstallDir(cacheDir: string, version: string): string {
  return join(cacheDir, `kafka-${version}`);
}

/** The long-lived broker of `inlet-kafka start`: state file, data and logs. */
export function devBrokerDir(cacheDir: string): string {
  return join(cacheDir, 'dev-broker');
}
