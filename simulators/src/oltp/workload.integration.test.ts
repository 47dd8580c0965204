import { defined, pgUrl, uniqueName } from '@inlet/scripts/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOltpCli } from './cli';
import { ChangeLedger } from './ledger';
import { migrate } from './migrations';
import { runOltpWorkload } from './workload';

const url = pgUrl();

describe.skipIf(!url)('OLTP workload on real PostgreSQL', () => {
  const schema = uniqueName('oltp').replaceAll('-', '_');
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: defined(url, 'PostgreSQL URL') });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });

  it('commits changes whose per-row version counter matches the database', async () => {
    const ledger = new ChangeLedger();
    const stats = await runOltpWorkload({
      pgUrl: defined(url),
      schema,
      profile: 'load',
      maxChanges: 800,
      seed: 1234,
      ledger,
    });
    expect(stats.changes).toBeGreaterThanOrEqual(800);
    expect(ledger.size).toBe(stats.changes);
    const ops = new Set(ledger.changes().map((c) => `${c.table}:${c.op}`));
    for (const kind of [
      'users:c',
      'users:u',
      'users:d',
      'bookings:c',
      'bookings:u',
      'bookings:d',
      'payments:c',
    ]) {
      expect(ops).toContain(kind);
    }

    // Per row: the last version the ledger saw is the one in the table; deleted rows are gone.
    const last = new Map<string, { version: number; deleted: boolean }>();
    for (const c of ledger.changes())
      last.set(`${c.table}:${c.id}`, { version: c.version, deleted: c.op === 'd' });
    for (const table of ['users', 'properties', 'flights', 'bookings', 'payments']) {
      const { rows } = await admin.query<{ id: string; version: number }>(
        `SELECT id, version FROM ${schema}.${table}`,
      );
      const inDb = new Map(rows.map((r) => [String(r.id), r.version]));
      for (const [key, state] of last) {
        const [t, id] = key.split(':') as [string, string];
        if (t !== table) continue;
        if (state.deleted) expect(inDb.has(id), `${key} deleted`).toBe(false);
        else expect(inDb.get(id), key).toBe(state.version);
      }
    }
  });

  it('stores property descriptions out of line (TOAST)', async () => {
    const { rows } = await admin.query<{ toast: string; shortest: number }>(
      `SELECT reltoastrelid::regclass::text AS toast,
              (SELECT min(octet_length(description)) FROM ${schema}.properties) AS shortest
       FROM pg_class WHERE oid = '${schema}.properties'::regclass`,
    );
    const { toast, shortest } = defined(rows[0], 'properties row');
    expect(shortest).toBeGreaterThan(2_048);
    const chunks = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${toast}`);
    expect(Number(chunks.rows[0]?.n)).toBeGreaterThan(0);
  });

  it('applies each migration once', async () => {
    expect(await migrate(admin, schema)).toEqual([]);
  });

  it('runs from the CLI for a duration and prints its figures', async () => {
    const out: string[] = [];
    const code = await runOltpCli(
      ['--pg-url', defined(url), '--schema', schema, '--profile', 'load', '--duration', '300ms'],
      { out: (t) => out.push(t), err: () => {}, env: {} },
    );
    expect(code).toBe(0);
    // One JSON line once the tables exist (npm start waits for it), then the figures.
    const [ready, figures, ...rest] = out.join('').trim().split('\n');
    expect(JSON.parse(ready ?? '')).toEqual({ ready: true, part: 'oltp' });
    expect(JSON.parse(figures ?? '')).toMatchObject({ profile: 'load', changes: expect.any(Number) });
    expect(rest).toEqual([]);
  });

  it('fails with exit code 1 and a hint for an unreachable server', async () => {
    const err: string[] = [];
    const code = await runOltpCli(
      ['--pg-url', 'postgres://postgres:postgres@127.0.0.1:1/postgres', '--duration', '1s'],
      {
        out: () => {},
        err: (t) => err.push(t),
        env: {},
      },
    );
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/ECONNREFUSED[\s\S]*Check --pg-url/);
  });
});
