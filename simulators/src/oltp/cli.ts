/**
 * `inlet-sim oltp`: the travel-booking workload from the command line. Without `--pg-url` (or `PG_URL`)
 * it starts an embedded PostgreSQL with wal_level=logical and prints its URL, so a CDC collector can
 * follow it.
 */

import { errorMessage, parseDuration } from '@inlet/schemas';
import { parseFlags, reportUsageError, UsageError } from '@inlet/schemas/cli';
import { OLTP_PROFILE_NAMES, type OltpProfile } from './profiles';
import { isOltpConfigError, type OltpWorkloadOptions, runOltpWorkload } from './workload';

export const OLTP_USAGE = `Usage: inlet-sim oltp [options]

Runs the travel-booking OLTP workload (users, properties, flights, bookings, payments).

Options:
  --profile seed|load     seed: 20-30 changes/min on one connection (default); load: unlimited, 4 connections
  --duration <time>       stop after e.g. 90s, 5m, 1h (default: until Ctrl-C)
  --pg-url <url>          PostgreSQL to write to (default: $PG_URL, else an embedded PostgreSQL)
  --schema <name>         schema for the tables, created if missing (default public)
  --rate <changes/s>      override the profile's rate
  --concurrency <n>       override the profile's connection count
  --seed <n>              PRNG seed (default random)
  --pg-port <port>        embedded PostgreSQL port (default: a free one)
  --pg-data-dir <dir>     embedded PostgreSQL data folder, kept between runs (default: a temp folder)
  -h, --help              this text

Once its tables exist it prints {"ready":true,"part":"oltp"} on stdout (npm start waits for it).

Exit codes: 0 done, 1 failure, 2 bad usage.`;

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
};

function numberFlag(value: string | undefined, flag: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${flag} must be a positive ${integer ? 'integer' : 'number'}, got "${value}"`);
  }
  return n;
}

/** Parses the flags into workload options (minus the URL and signal). Exported for tests. */
export function parseOltpArgs(argv: readonly string[]) {
  const { values } = parseFlags(argv, {
    options: {
      profile: { type: 'string' },
      duration: { type: 'string' },
      'pg-url': { type: 'string' },
      schema: { type: 'string' },
      rate: { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      'pg-port': { type: 'string' },
      'pg-data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const profile = values.profile ?? 'seed';
  if (!OLTP_PROFILE_NAMES.includes(profile as OltpProfile)) {
    throw new UsageError(`--profile must be one of ${OLTP_PROFILE_NAMES.join(', ')}, got "${profile}"`);
  }
  const durationMs = values.duration === undefined ? undefined : parseDuration(values.duration);
  if (values.duration !== undefined && durationMs === undefined) {
    throw new UsageError(`--duration must look like 90s, 5m, 1h or 500ms, got "${values.duration}"`);
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new UsageError('--seed must be an integer');
  return {
    help: values.help === true,
    profile: profile as OltpProfile,
    durationMs,
    pgUrl: values['pg-url'],
    schema: values.schema,
    perSecond: numberFlag(values.rate, 'rate', false),
    concurrency: numberFlag(values.concurrency, 'concurrency', true),
    seed,
    pgPort: numberFlag(values['pg-port'], 'pg-port', true),
    pgDataDir: values['pg-data-dir'],
  };
}

/** Runs `inlet-sim oltp <argv>`; resolves with the exit code. */
export async function runOltpCli(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let args: ReturnType<typeof parseOltpArgs>;
  try {
    args = parseOltpArgs(argv);
  } catch (error) {
    return reportUsageError(io.err, 'inlet-sim oltp', errorMessage(error), OLTP_USAGE);
  }
  if (args.help) {
    io.out(`${OLTP_USAGE}\n`);
    return 0;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let embedded: { stop(): Promise<void> } | undefined;
  try {
    let pgUrl = args.pgUrl ?? (io.env.PG_URL?.trim() || undefined);
    if (pgUrl === undefined) {
      const { startPostgres } = await import('@inlet/scripts');
      const server = await startPostgres({
        ...(args.pgPort === undefined ? {} : { port: args.pgPort }),
        ...(args.pgDataDir === undefined ? {} : { dataDir: args.pgDataDir }),
      });
      embedded = server;
      pgUrl = server.url;
      io.err(`embedded PostgreSQL (wal_level=logical) at ${server.url}\n`);
    }
    let last = 0;
    let total = 0;
    const progress = setInterval(() => {
      io.err(`oltp: ${total} changes (${((total - last) / 10).toFixed(1)}/s over the last 10 s)\n`);
      last = total;
    }, 10_000);
    progress.unref();
    const options: OltpWorkloadOptions = {
      pgUrl,
      profile: args.profile,
      signal: controller.signal,
      onCommit: (changes) => {
        total += changes.length;
      },
      // A machine-readable line for supervisors (npm start starts CDC on it): the tables exist now.
      onReady: () => io.out(`${JSON.stringify({ ready: true, part: 'oltp' })}\n`),
      ...(args.schema === undefined ? {} : { schema: args.schema }),
      ...(args.durationMs === undefined ? {} : { durationMs: args.durationMs }),
      ...(args.perSecond === undefined ? {} : { perSecond: args.perSecond }),
      ...(args.concurrency === undefined ? {} : { concurrency: args.concurrency }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
    };
    const stats = await runOltpWorkload(options).finally(() => clearInterval(progress));
    io.out(`${JSON.stringify({ profile: args.profile, ...stats })}\n`);
    return 0;
  } catch (error) {
    const message = errorMessage(error);
    io.err(`inlet-sim oltp: ${message}\n`);
    if (!isOltpConfigError(error) && /ECONNREFUSED|password|does not exist/i.test(message)) {
      io.err(
        'Check --pg-url / PG_URL (postgres://user:password@host:port/db), or omit both to use the embedded PostgreSQL.\n',
      );
    }
    return isOltpConfigError(error) ? 2 : 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await embedded?.stop();
  }
}
