#!/usr/bin/env node
// Compose health check of the OLTP workload: `node scripts/src/compose/pg-tables-ready.mjs <tables>`
// exits 0 once every table (schema.name, comma-separated) exists in $PG_URL, so CDC starts only
// after the workload's migrations (what `npm start` waits for from the workload's first line).
import pg from 'pg';

const [list] = process.argv.slice(2);
const url = process.env.PG_URL;
if (list === undefined || url === undefined || url === '') {
  process.stderr.write(
    'usage: PG_URL=postgres://… node scripts/src/compose/pg-tables-ready.mjs public.users,…\n',
  );
  process.exit(2);
}
const tables = list
  .split(',')
  .map((t) => t.trim())
  .filter((t) => t !== '');
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
try {
  await client.connect();
  const { rows } = await client.query('SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NULL', [
    tables,
  ]);
  if (rows.length > 0) {
    process.stderr.write(`not created yet: ${rows.map((r) => r.t).join(', ')}\n`);
    process.exitCode = 1;
  }
} catch (error) {
  process.stderr.write(`PostgreSQL at PG_URL: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
}
