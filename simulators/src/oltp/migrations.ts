/**
 * The travel-booking schema, as ordered migrations. Each table carries a `version` counter that every
 * UPDATE increments, so a CDC consumer can prove it saw every committed change of a row (1, 2, … v).
 * Foreign keys restrict deletes (no cascades): the workload deletes children itself, so every deleted
 * row is a change it knows about.
 */
import type pg from 'pg';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** SQL run with `search_path` set to the target schema. */
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'travel booking tables',
    sql: `
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  full_name text NOT NULL,
  country char(2) NOT NULL,
  loyalty_tier text NOT NULL DEFAULT 'basic',
  preferences jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE TABLE properties (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  city text NOT NULL,
  country char(2) NOT NULL,
  nightly_rate numeric(10,2) NOT NULL,
  amenities text[] NOT NULL DEFAULT '{}',
  description text NOT NULL,
  rating real,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
-- Descriptions are > 2 KB: stored out of line, uncompressed, so updates that leave them alone
-- send them as "unchanged TOAST" in logical decoding (REPLICA IDENTITY DEFAULT).
ALTER TABLE properties ALTER COLUMN description SET STORAGE EXTERNAL;
CREATE TABLE flights (
  id bigserial PRIMARY KEY,
  flight_number text NOT NULL,
  origin char(3) NOT NULL,
  destination char(3) NOT NULL,
  departs_at timestamptz NOT NULL,
  arrives_at timestamptz NOT NULL,
  fare numeric(10,2) NOT NULL,
  seats_left integer NOT NULL CHECK (seats_left >= 0),
  version integer NOT NULL DEFAULT 1
);
CREATE TABLE bookings (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id),
  property_id bigint REFERENCES properties(id),
  flight_id bigint REFERENCES flights(id),
  status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled')),
  check_in date,
  check_out date,
  guests smallint NOT NULL,
  total_amount numeric(12,2) NOT NULL,
  currency char(3) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX bookings_user_id ON bookings (user_id);
CREATE TABLE payments (
  id bigserial PRIMARY KEY,
  booking_id bigint NOT NULL REFERENCES bookings(id),
  amount numeric(12,2) NOT NULL,
  currency char(3) NOT NULL,
  method text NOT NULL,
  status text NOT NULL CHECK (status IN ('captured', 'refunded', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX payments_booking_id ON payments (booking_id);
`,
  },
];

/** The workload's tables, parents first. */
export const OLTP_TABLES = ['users', 'properties', 'flights', 'bookings', 'payments'] as const;
export type OltpTable = (typeof OLTP_TABLES)[number];

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Creates `schema` if needed and applies the migrations it has not seen yet, each in its own transaction,
 * recorded in `<schema>.oltp_migrations`. Returns the versions applied. Concurrent callers serialise on
 * an advisory lock.
 */
export async function migrate(client: pg.ClientBase, schema: string): Promise<number[]> {
  const s = quoteIdent(schema);
  const applied: number[] = [];
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [`inlet-oltp-migrate:${schema}`]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.oltp_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${s}.oltp_migrations`);
    const done = new Set(rows.map((r) => r.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO ${s}`);
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${s}.oltp_migrations (version, name) VALUES ($1, $2)`, [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
        applied.push(migration.version);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`inlet-oltp-migrate:${schema}`]);
  }
  return applied;
}
