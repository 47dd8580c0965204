import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorMessage } from '@inlet/schemas';
import { isUsageError, reportUsageError } from '@inlet/schemas/cli';
import { parseRunArgs, RUN_USAGE } from './cli-args';
import { progressBar } from './progress';
import { formatReport } from './report';
import { runSimulation } from './run';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly tty: boolean;
}

export const processIo = (): CliIo => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  tty: process.stdout.isTTY === true && process.stderr.isTTY === true,
});

/**
 * `inlet-sim run`: resolves with the exit code (0 done; 1 a threshold broke, or the gateway took
 * no event at all; 2 bad usage).
 */
export async function runCommand(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let args: ReturnType<typeof parseRunArgs>;
  try {
    args = parseRunArgs(argv, io.env);
  } catch (error) {
    if (!isUsageError(error)) throw error;
    return reportUsageError(io.err, 'inlet-sim run', error.message, RUN_USAGE);
  }
  if (args.help) {
    io.out(`${RUN_USAGE}\n`);
    return 0;
  }
  const { options } = args;
  io.err(
    `inlet-sim: profile ${options.profile}, seed ${options.seed}, ${options.durationMs / 1_000} s against ${options.endpoint}; ledger ${options.ledgerPath}\n`,
  );
  const bar = progressBar(io.tty && !args.quiet);
  // The first Ctrl-C ends the run early and still flushes, reports and closes the ledger; a second one quits.
  const abort = new AbortController();
  const stop = () => {
    if (abort.signal.aborted) process.exit(130);
    io.err('\ninlet-sim: stopping: flushing the users’ queues (Ctrl-C again to quit now)\n');
    abort.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const report = await runSimulation({ ...options, onProgress: bar.update, signal: abort.signal });
    bar.stop();
    io.out(formatReport(report));
    if (args.reportPath) {
      await mkdir(dirname(args.reportPath), { recursive: true });
      await writeFile(args.reportPath, `${JSON.stringify(report, null, 2)}\n`);
    }
    if (report.events.generated > 0 && report.events.acknowledged + report.events.rejected === 0) {
      io.err(
        `inlet-sim: the gateway at ${options.endpoint} took no event: is it running, and does it know the write key?\n`,
      );
      return 1;
    }
    return report.thresholds.failures.length ? 1 : 0;
  } catch (error) {
    bar.stop();
    io.err(`inlet-sim run: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
