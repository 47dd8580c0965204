/** Bad input at the boundary: each case a clear message naming the fix, and a non-zero exit code. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defined, pgUrl } from '@inlet/scripts/testing';
import type pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, cdcNames, cleanUp } from '../testing/cdc-harness';
import { runCdcCli } from './cli';

const url = pgUrl();

async function cli(argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await runCdcCli(argv, {
    out: () => {},
    err: (t) => err.push(t),
    env: {},
    logger: pino({ level: 'silent' }),
  });
  return { code, err: err.join('') };
}

describe.skipIf(!url)('inlet-cdc refuses bad input with the fix', () => {
  const names = cdcNames('cdc_bad');
  const role = `${names.schema}_norepl`;
  let admin: pg.Client;
  let dataDir: string;
  const withUrl = (u: string, tables = `${names.schema}.ok`) => [
    '--pg-url',
    u,
    '--tables',
    tables,
    '--data-dir',
    dataDir,
    '--slot',
    names.slot,
    '--publication',
    names.publication,
  ];
  const asUser = (user: string, password: string, database?: string) => {
    const u = new URL(defined(url));
    u.username = user;
    u.password = password;
    if (database !== undefined) u.pathname = `/${database}`;
    return u.toString();
  };

  beforeAll(async () => {
    admin = await adminClient(defined(url));
    dataDir = await mkdtemp(join(tmpdir(), 'inlet-cdc-bad-'));
    await admin.query(`CREATE SCHEMA ${names.schema};
      CREATE TABLE ${names.schema}.ok (id int PRIMARY KEY);
      CREATE TABLE ${names.schema}.nokey (x int);
      CREATE ROLE ${role} LOGIN PASSWORD 'secret' NOREPLICATION;
      GRANT USAGE ON SCHEMA ${names.schema} TO ${role};
      GRANT SELECT ON ALL TABLES IN SCHEMA ${names.schema} TO ${role};`);
  });

  afterAll(async () => {
    if (admin) {
      await cleanUp(admin, names);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a table that does not exist: names it and lists the tables that do', async () => {
    const { code, err } = await cli(withUrl(defined(url), `${names.schema}.ok,${names.schema}.nope`));
    expect(code).toBe(1);
    expect(err).toContain(`table ${names.schema}.nope not found`);
    expect(err).toMatch(new RegExp(`Fix: check --tables; tables there: .*${names.schema}\\.ok`));
  });

  it('a table without a primary key: says how to make it publishable', async () => {
    const { code, err } = await cli(withUrl(defined(url), `${names.schema}.nokey`));
    expect(code).toBe(1);
    expect(err).toMatch(/no primary key[\s\S]*Fix: add a primary key, or pass --replica-identity full/);
  });

  it('a PG_URL nothing listens on', async () => {
    const { code, err } = await cli(withUrl('postgres://postgres:postgres@127.0.0.1:1/postgres'));
    expect(code).toBe(1);
    expect(err).toMatch(
      /cannot reach PostgreSQL at postgres@127\.0\.0\.1:1\/postgres[\s\S]*Fix: check the host and port/,
    );
  });

  it('a wrong password, without echoing it', async () => {
    const { code, err } = await cli(withUrl(asUser('postgres', 'not-the-password')));
    expect(code).toBe(1);
    expect(err).toMatch(/refused the password[\s\S]*Fix: fix the user\/password/);
    expect(err).not.toContain('not-the-password');
  });

  it('a database that does not exist', async () => {
    const { code, err } = await cli(withUrl(asUser('postgres', 'postgres', 'no_such_db')));
    expect(code).toBe(1);
    expect(err).toMatch(/no_such_db[\s\S]*Fix: fix the database name/);
  });

  it('a role without REPLICATION', async () => {
    const { code, err } = await cli(withUrl(asUser(role, 'secret')));
    expect(code).toBe(1);
    expect(err).toContain(`role "${role}" has no REPLICATION attribute`);
    expect(err).toContain(`Fix: ALTER ROLE "${role}" WITH REPLICATION;`);
  });

  it('a Kafka nothing listens on', async () => {
    const { code, err } = await cli([
      '--pg-url',
      defined(url),
      '--tables',
      `${names.schema}.ok`,
      '--brokers',
      '127.0.0.1:1',
    ]);
    expect(code).toBe(1);
    expect(err).toMatch(/cannot reach Kafka at 127\.0\.0\.1:1[\s\S]*Fix: check --brokers/);
  });

  it('bad flags exit 2', async () => {
    const { code, err } = await cli([...withUrl(defined(url)), '--snapshot', 'sometimes']);
    expect(code).toBe(2);
    expect(err).toMatch(/--snapshot "sometimes" is not one of initial, never, always/);
  });
});
