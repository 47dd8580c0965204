import pg from 'pg';
import { ConfigError } from '../config-error';

export interface PostgresFacts {
  walLevel: string;
  maxReplicationSlots: number;
  serverVersion: string;
}

/** Reads the settings logical replication depends on. */
export async function postgresFacts(url: string): Promise<PostgresFacts> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('wal_level', 'max_replication_slots', 'server_version')",
    );
    const get = (name: string) => rows.find((r) => r.name === name)?.setting ?? '';
    return {
      walLevel: get('wal_level'),
      maxReplicationSlots: Number(get('max_replication_slots')),
      serverVersion: get('server_version'),
    };
  } finally {
    await client.end();
  }
}

/** Parses `PG_URL` (must be a postgres:// or postgresql:// URL); undefined when unset or blank. */
export function pgUrlFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const value = env.PG_URL?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`PG_URL is not a URL; e.g. PG_URL=postgres://user:password@127.0.0.1:5432/db`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`PG_URL must start with postgres:// or postgresql://, got ${url.protocol}//…`);
  }
  return value;
}

/** Throws a `ConfigError` naming the fix unless the server at `url` can do logical replication. */
export async function requireLogicalReplication(url: string, source = 'PG_URL'): Promise<PostgresFacts> {
  let facts: PostgresFacts;
  try {
    facts = await postgresFacts(url);
  } catch (error) {
    throw new ConfigError(
      `${source}: cannot connect (${(error as Error).message}). Check the URL, or unset ${source} to use the embedded PostgreSQL.`,
    );
  }
  if (facts.walLevel !== 'logical') {
    throw new ConfigError(
      `${source} points at a server with wal_level=${facts.walLevel}; logical replication needs wal_level=logical. ` +
        `Run \`ALTER SYSTEM SET wal_level = logical;\` and restart that server, or unset ${source} to use the embedded PostgreSQL.`,
    );
  }
  if (!(facts.maxReplicationSlots > 0)) {
    throw new ConfigError(
      `${source} points at a server with max_replication_slots=0; set it to 10 or more and restart it.`,
    );
  }
  return facts;
}
