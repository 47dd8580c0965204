import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined, pgUrl, uniqueName } from '../testing';

const SCRIPT = path.join(import.meta.dirname, 'pg-tables-ready.mjs');
const url = pgUrl();

async function check(tables: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, [SCRIPT, tables], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stderr };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
}

describe.skipIf(url === undefined)('pg-tables-ready.mjs against a real PostgreSQL', () => {
  const schema = uniqueName('compose_ready').replaceAll('-', '_');
  const client = new pg.Client({ connectionString: url });
  beforeAll(async () => {
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('exits 1 naming the tables still missing, then 0 once all exist', async () => {
    const PG_URL = defined(url, 'PG_URL');
    const tables = `${schema}.users,${schema}.bookings`;
    await client.query(`CREATE TABLE ${schema}.users (id int)`);
    expect(await check(tables, { PG_URL })).toEqual({
      code: 1,
      stderr: `not created yet: ${schema}.bookings\n`,
    });
    await client.query(`CREATE TABLE ${schema}.bookings (id int)`);
    expect(await check(tables, { PG_URL })).toEqual({ code: 0, stderr: '' });
  });

  it('exits 1 saying what PostgreSQL answered when it cannot connect', async () => {
    const wrong = new URL(defined(url, 'PG_URL'));
    wrong.pathname = `/${schema}_no_such_db`;
    const result = await check(`${schema}.users`, { PG_URL: wrong.toString() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^PostgreSQL at PG_URL: .*does not exist/);
  });

  it('exits 2 with the usage without PG_URL', async () => {
    const result = await check('public.users', { PG_URL: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^usage: PG_URL=/);
  });
});
