/**
 * Connections to the source database, with the session settings whose text output `column-types.ts`
 * parses, and connection failures turned into errors that name the fix (without echoing the password).
 */
import { errorMessage } from '@inlet/schemas';
import pg from 'pg';
import { SESSION_OPTIONS } from './column-types';
import { CdcConfigError } from './errors';

/** `user@host:port/db` of a URL, for messages (never the password). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.hostname}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** Keeps every value as PostgreSQL's text: the collector maps types itself, identically for snapshot and stream. */
const textTypes = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

export interface ConnectOptions {
  /** A `replication=database` walsender connection. Default false. */
  readonly replication?: boolean;
  /** Default 10 000 ms. */
  readonly connectionTimeoutMs?: number;
  /** Raw text values (for snapshot reads). Default false. */
  readonly rawText?: boolean;
}

export function clientConfig(url: string, options: ConnectOptions = {}): pg.ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    options: SESSION_OPTIONS,
    application_name: options.replication ? 'inlet-cdc-stream' : 'inlet-cdc',
    ...(options.rawText ? { types: textTypes } : {}),
    ...(options.replication ? ({ replication: 'database' } as pg.ClientConfig) : {}),
  };
}

const code = (error: unknown): string =>
  typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';

/** A connection or permission failure as a `CdcConfigError` naming the fix; anything else unchanged. */
export function explainPgError(error: unknown, url: string): unknown {
  const where = describeUrl(url);
  const message = errorMessage(error);
  const c = code(error);
  const explain = (text: string, fix: string) => new CdcConfigError(text, { fix, cause: error });
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(c) ||
    /timeout/i.test(message)
  ) {
    return explain(
      `cannot reach PostgreSQL at ${where} (${c || message})`,
      'check the host and port in --pg-url / PG_URL and that the server is running and accepts TCP connections.',
    );
  }
  if (c === '28P01') {
    return explain(
      `PostgreSQL at ${where} refused the password`,
      'fix the user/password in --pg-url / PG_URL.',
    );
  }
  if (c === '28000') {
    return explain(
      `PostgreSQL at ${where} refused the connection: ${message}`,
      'allow this user and database from this host in pg_hba.conf (then SELECT pg_reload_conf()).',
    );
  }
  if (c === '3D000') {
    return explain(
      `PostgreSQL at ${where}: ${message}`,
      'fix the database name at the end of --pg-url / PG_URL.',
    );
  }
  if (c === '42501' && /replication|walsender|WAL sender/i.test(message)) {
    return explain(
      `the role in --pg-url may not open a replication connection (${message})`,
      'ALTER ROLE <user> WITH REPLICATION; (or use a superuser), as Debezium requires too.',
    );
  }
  return error;
}

/** Connects, or throws what `explainPgError` makes of the failure. */
export async function connect(url: string, options: ConnectOptions = {}): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(url, options));
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw explainPgError(error, url);
  }
  // A dropped connection surfaces on the next query; without a listener it would crash the process.
  client.on('error', () => {});
  return client;
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
export const quoteLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;
