/**
 * `npm start` as a person runs it from a terminal, for the tests and benchmarks that drive it: in a
 * process group of its own (a signal to the group is a Ctrl-C), on a run of free ports, with a fresh
 * data folder, its output piped to the caller.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePortRun } from '../start/free-port-run';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface NpmStartOptions {
  /** Prefix of the temporary data folder (the caller removes it). */
  readonly dataDirPrefix: string;
  /** Run `npm start` itself (default), or main.ts directly, so that the child is the orchestrator. */
  readonly via?: 'npm' | 'main';
  /**
   * Kafka bootstrap list (KAFKA_BROKERS), or `'own'` to let npm start decide (and run its own broker).
   * Default: the local durable logs (`--no-kafka`).
   */
  readonly kafka?: readonly string[] | 'own';
  /** `--write-key`. Default: npm start's own. */
  readonly writeKey?: string;
  /** Flags after the ports, data folder and write key. */
  readonly extraArgs?: readonly string[];
  /** Set in its environment: this process's, without KAFKA_BROKERS unless `kafka` is a list. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface NpmStart {
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly ports: {
    readonly gateway: number;
    readonly demo: number;
    readonly standIn: number;
    /** The three health ports npm start takes right after the stand-ins' port. */
    readonly health: readonly number[];
  };
  /** `performance.now()` just before the spawn. */
  readonly spawnedAt: number;
}

export async function spawnNpmStart(options: NpmStartOptions): Promise<NpmStart> {
  const dataDir = await mkdtemp(path.join(tmpdir(), options.dataDirPrefix));
  // Embedded PostgreSQL runs as `postgres` under root: it must reach the folder.
  await chmod(dataDir, 0o755);
  // One run of six, so that no two of the ports can be the same.
  const [gateway = 0, demo = 0, standIn = 0, ...health] = await freePortRun(6);
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.KAFKA_BROKERS;
  if (Array.isArray(options.kafka)) env.KAFKA_BROKERS = options.kafka.join(',');
  Object.assign(env, options.env);
  const flags = [
    '--port',
    String(gateway),
    '--demo-port',
    String(demo),
    '--stand-in-port',
    String(standIn),
    '--data-dir',
    dataDir,
    ...(options.writeKey === undefined ? [] : ['--write-key', options.writeKey]),
    ...(options.kafka === undefined ? ['--no-kafka'] : []),
    ...(options.extraArgs ?? []),
  ];
  const [command, args] =
    options.via === 'main'
      ? [process.execPath, ['--import', 'tsx', 'scripts/src/start/main.ts', ...flags]]
      : ['npm', ['start', '--', ...flags]];
  const spawnedAt = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  return { child, dataDir, ports: { gateway, demo, standIn, health }, spawnedAt };
}
