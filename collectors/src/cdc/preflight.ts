/**
 * Checks the source database before anything is created, each failure a `CdcConfigError` naming the fix:
 * wal_level, the role's REPLICATION attribute, the captured tables (present, with a primary key or a
 * replica identity that lets PostgreSQL publish their updates and deletes). Then sets REPLICA IDENTITY
 * when asked, and creates the publication (or adds missing tables to it).
 */
import type pg from 'pg';
import { CdcConfigError } from './errors';
import { quoteIdent } from './pg-connect';
import { qualified, quoted, type TableRef } from './tables';

export const REPLICA_IDENTITIES = ['default', 'full'] as const;
export type ReplicaIdentity = (typeof REPLICA_IDENTITIES)[number];

export interface ServerFacts {
  readonly database: string;
  readonly walLevel: string;
  readonly serverVersionNum: number;
  readonly user: string;
  readonly canReplicate: boolean;
}

/** Pure: what is wrong with the server for logical replication, as an error naming the fix. */
export function checkServer(facts: ServerFacts): void {
  if (facts.walLevel !== 'logical') {
    throw new CdcConfigError(
      `wal_level is "${facts.walLevel}" on the source database; logical decoding needs "logical"`,
      {
        fix: 'run ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL (a reload is not enough).',
      },
    );
  }
  if (facts.serverVersionNum < 120_000) {
    // pgoutput came in 10; pg_copy_logical_replication_slot (the consistent snapshot) in 12.
    throw new CdcConfigError(`PostgreSQL ${facts.serverVersionNum} is too old for inlet-cdc`, {
      fix: 'use PostgreSQL 12 or newer (14+ recommended).',
    });
  }
  if (!facts.canReplicate) {
    throw new CdcConfigError(`role "${facts.user}" has no REPLICATION attribute`, {
      fix: `ALTER ROLE ${quoteIdent(facts.user)} WITH REPLICATION; (run as a superuser), or connect as a role that has it.`,
    });
  }
}

export async function serverFacts(client: pg.ClientBase): Promise<ServerFacts> {
  const { rows } = await client.query<{
    database: string;
    wal_level: string;
    version_num: string;
    user: string;
    can_replicate: boolean;
  }>(
    `SELECT current_database() AS database, current_setting('wal_level') AS wal_level,
            current_setting('server_version_num') AS version_num, current_user AS user,
            (r.rolreplication OR r.rolsuper) AS can_replicate
     FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const row = rows[0];
  if (!row) throw new CdcConfigError('cannot read the current role from pg_roles');
  return {
    database: row.database,
    walLevel: row.wal_level,
    serverVersionNum: Number(row.version_num),
    user: row.user,
    canReplicate: row.can_replicate,
  };
}

export interface TableFacts {
  readonly ref: TableRef;
  /** Primary-key columns in key order; empty without a primary key. */
  readonly primaryKey: readonly string[];
  /** `d` default, `f` full, `i` index, `n` nothing (pg_class.relreplident). */
  readonly replicaIdentity: string;
}

async function tableFacts(client: pg.ClientBase, tables: readonly TableRef[]): Promise<TableFacts[]> {
  const found: TableFacts[] = [];
  const missing: TableRef[] = [];
  for (const ref of tables) {
    const { rows } = await client.query<{ oid: number; relkind: string; relreplident: string }>(
      `SELECT c.oid, c.relkind, c.relreplident FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')`,
      [ref.schema, ref.table],
    );
    const table = rows[0];
    if (!table) {
      missing.push(ref);
      continue;
    }
    const pk = await client.query<{ attname: string }>(
      `SELECT a.attname FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
       WHERE i.indrelid = $1 AND i.indisprimary
       ORDER BY array_position(i.indkey::int2[], a.attnum)`,
      [table.oid],
    );
    found.push({ ref, primaryKey: pk.rows.map((r) => r.attname), replicaIdentity: table.relreplident });
  }
  if (missing.length > 0) {
    const schemas = [...new Set(missing.map((m) => m.schema))];
    const { rows } = await client.query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY ($1) AND c.relkind IN ('r', 'p') ORDER BY 1 LIMIT 20`,
      [schemas],
    );
    throw new CdcConfigError(`table ${missing.map(qualified).join(', ')} not found in the source database`, {
      fix:
        rows.length > 0
          ? `check --tables; tables there: ${rows.map((r) => r.name).join(', ')}`
          : `check --tables and the database in --pg-url; schema ${schemas.join(', ')} has no tables.`,
    });
  }
  return found;
}

const IDENTITY_CODE: Record<ReplicaIdentity, string> = { default: 'd', full: 'f' };

export interface PreflightOptions {
  readonly tables: readonly TableRef[];
  readonly publication: string;
  /** Set each table's REPLICA IDENTITY first. Default: leave it as it is. */
  readonly replicaIdentity?: ReplicaIdentity;
}

export interface PreflightResult {
  readonly facts: ServerFacts;
  readonly tables: readonly TableFacts[];
  /** `schema.table` → primary-key columns. */
  readonly primaryKeys: ReadonlyMap<string, readonly string[]>;
  readonly publicationCreated: boolean;
  readonly tablesAddedToPublication: readonly string[];
}

const asOwnerFix = (sql: string) => `run as the tables' owner (or a superuser): ${sql}`;

async function asOwner(client: pg.ClientBase, sql: string, what: string): Promise<void> {
  try {
    await client.query(sql);
  } catch (error) {
    if ((error as { code?: string }).code === '42501') {
      throw new CdcConfigError(`not allowed to ${what}: ${(error as Error).message}`, {
        fix: asOwnerFix(`${sql};`),
      });
    }
    throw error;
  }
}

export async function preflight(client: pg.ClientBase, options: PreflightOptions): Promise<PreflightResult> {
  const facts = await serverFacts(client);
  checkServer(facts);
  let tables = await tableFacts(client, options.tables);
  if (options.replicaIdentity !== undefined) {
    const wanted = IDENTITY_CODE[options.replicaIdentity];
    for (const t of tables.filter((t) => t.replicaIdentity !== wanted)) {
      await asOwner(
        client,
        `ALTER TABLE ${quoted(t.ref)} REPLICA IDENTITY ${options.replicaIdentity.toUpperCase()}`,
        `set REPLICA IDENTITY on ${qualified(t.ref)}`,
      );
    }
    tables = tables.map((t) => ({ ...t, replicaIdentity: wanted }));
  }
  const unpublishable = tables.filter(
    (t) => t.replicaIdentity === 'n' || (t.replicaIdentity === 'd' && t.primaryKey.length === 0),
  );
  if (unpublishable.length > 0) {
    const names = unpublishable.map((t) => qualified(t.ref)).join(', ');
    throw new CdcConfigError(
      `${names}: no primary key and no usable REPLICA IDENTITY, so PostgreSQL would reject its UPDATEs and DELETEs once it is published`,
      { fix: `add a primary key, or pass --replica-identity full (ALTER TABLE … REPLICA IDENTITY FULL)` },
    );
  }
  const pub = quoteIdent(options.publication);
  const exists = await client.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [options.publication]);
  let publicationCreated = false;
  let added: string[] = [];
  if (exists.rowCount === 0) {
    await asOwner(
      client,
      `CREATE PUBLICATION ${pub} FOR TABLE ${tables.map((t) => quoted(t.ref)).join(', ')}`,
      'create the publication',
    );
    publicationCreated = true;
  } else {
    const { rows } = await client.query<{ name: string }>(
      `SELECT schemaname || '.' || tablename AS name FROM pg_publication_tables WHERE pubname = $1`,
      [options.publication],
    );
    const present = new Set(rows.map((r) => r.name));
    const missing = tables.filter((t) => !present.has(qualified(t.ref)));
    if (missing.length > 0) {
      await asOwner(
        client,
        `ALTER PUBLICATION ${pub} ADD TABLE ${missing.map((t) => quoted(t.ref)).join(', ')}`,
        `add tables to publication ${options.publication}`,
      );
      added = missing.map((t) => qualified(t.ref));
    }
  }
  return {
    facts,
    tables,
    primaryKeys: new Map(tables.map((t) => [qualified(t.ref), t.primaryKey])),
    publicationCreated,
    tablesAddedToPublication: added,
  };
}
