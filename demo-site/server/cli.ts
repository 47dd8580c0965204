/** `inlet-demo`: the storefront and the pipeline console; stops on SIGINT/SIGTERM. */
import { errorMessage } from '@inlet/schemas';
import { isUsageError, reportUsageError } from '@inlet/schemas/cli';
import { pino } from 'pino';
import { parseDemoArgs, USAGE } from './config';
import { isDemoStartError, startDemoServer } from './main';

const SHUTDOWN_MS = 5_000;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseDemoArgs>;
  try {
    parsed = parseDemoArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!isUsageError(error)) throw error;
    return reportUsageError((text) => process.stderr.write(text), 'inlet-demo', error.message);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { config } = parsed;
  const logger = pino({ name: 'inlet-demo', level: config.logLevel });
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  try {
    server = await startDemoServer(config, { logger });
  } catch (error) {
    const part = isDemoStartError(error) ? error.part : 'startup';
    const message = errorMessage(error);
    process.stderr.write(`inlet-demo: ${part} could not start: ${message}\n`);
    return 1;
  }
  logger.info(
    { url: server.url, console: `${server.url}/pipeline`, topics: config.source.kind },
    'inlet-demo listening',
  );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  // A second signal while draining forces the exit.
  const force = () => process.exit(130);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  logger.info({ signal }, 'inlet-demo stopping');
  await server.close(SHUTDOWN_MS);
  logger.info('inlet-demo stopped');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`inlet-demo: unexpected failure: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  },
);
