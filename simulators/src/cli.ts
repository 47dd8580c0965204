/**
 * `inlet-sim <command>`: `run` drives virtual users against a gateway; `oltp` and `external-api`
 * are the other simulators, loaded only when asked for.
 */
import { type CliIo, processIo, runCommand } from './vu/cli-run';

export const USAGE = `Usage: inlet-sim <command> [options]

Commands:
  run            virtual users (web, mobile, services) on the real SDK core against a gateway
  oltp           the travel-booking OLTP workload on PostgreSQL (for CDC)
  external-api   weather, maps and market-data API stand-ins

Run \`inlet-sim <command> --help\` for a command's options. The audit is its own bin: inlet-audit.`;

type Runner = (argv: string[]) => Promise<number>;

/**
 * Another helper's CLI, imported only when its command runs (it brings pg or hono along). A module
 * that is missing, or does not export the runner yet, gets a clear "not yet" instead of a trace.
 */
export async function loadRunner(
  command: string,
  name: string,
  importer: () => Promise<Record<string, unknown>>,
  io: Pick<CliIo, 'err'>,
): Promise<Runner | undefined> {
  try {
    const runner = (await importer())[name];
    if (typeof runner === 'function') return runner as Runner;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
  }
  io.err(`inlet-sim ${command}: not yet — this build has no ${name} for it.\n`);
  return undefined;
}

/** Runs `inlet-sim <argv>`; resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      return runCommand(rest, io);
    case 'oltp': {
      const runner = await loadRunner('oltp', 'runOltpCli', () => import('./oltp/cli'), io);
      return runner ? runner(rest) : 1;
    }
    case 'external-api': {
      const runner = await loadRunner(
        'external-api',
        'runExternalApiCli',
        () => import('./external-api/cli'),
        io,
      );
      return runner ? runner(rest) : 1;
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      (command === undefined ? io.err : io.out)(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      io.err(`inlet-sim: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}
