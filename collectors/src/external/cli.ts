/** `inlet-external`: run the scheduler, trigger or backfill a source, list the run history. */

import { join } from 'node:path';
import { errorMessage, resolveTopicNames } from '@inlet/schemas';
import { parseFlags, reportUsageError, UsageError } from '@inlet/schemas/cli';
import { chooseTopicStore, describeTopicStore, openSink, type TopicStore } from '@inlet/streams';
import { type Level, type Logger, pino } from 'pino';
import { ExternalCollector } from './collector';
import { loadConfig } from './config';
import { isExternalConfigError } from './errors';
import { FileStateStore, readRunHistory } from './file-state-store';
import { formatRuns } from './format';
import { type ExternalHealthServer, startExternalHealthServer } from './health-server';
import { PgStateStore } from './pg-state-store';
import type { RunRecord, StateStore } from './state';

export const USAGE = `Usage: inlet-external <command> [options]

Commands:
  start                        run the scheduler (catch-up first) until SIGINT/SIGTERM
  run <source>                 run one source now, once
  backfill <source>            run every interval of a source in --from .. --to
  runs                         list the run history (newest last)
  validate                     check the config file and print its sources

Options:
  --config <file>              sources config (JSON); start, run, backfill, validate
  --brokers <host:port,…>      write to Kafka (default: $KAFKA_BROKERS)
  --data-dir <dir>             without brokers, write to the local durable log there (default ./data)
  --state-dir <dir>            state and run history (default <data-dir>/external)
  --pg-url <url>               keep state and history in PostgreSQL instead (default: $PG_URL)
  --state-name <name>          which state in PostgreSQL (default "default")
  --base-url <url>             overrides the config's baseUrl
  --from <iso> --to <iso>      backfill range
  --source <name>              runs: only this source
  --limit <n>                  runs: the newest n (default 50)
  --json                       runs: JSON lines instead of a table
  --health <port>              start: serve GET /healthz, /runs (history per source, next run) and
                               /metrics on 127.0.0.1:<port> (0 = any free port)
  --log-level <level>          silent, error, warn, info, debug (default info)
  -h, --help                   show this help

API keys come from the environment variables named by each source's auth.env.
Exit codes: 0 ok, 1 a run failed or the collector could not start, 2 bad usage or config.
`;

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Stops `start`. */
  readonly signal?: AbortSignal;
}

const parse = (argv: readonly string[]) =>
  parseFlags(argv, {
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      brokers: { type: 'string' },
      'data-dir': { type: 'string' },
      'state-dir': { type: 'string' },
      'pg-url': { type: 'string' },
      'state-name': { type: 'string' },
      'base-url': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      source: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      'log-level': { type: 'string' },
      health: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });

type Values = ReturnType<typeof parse>['values'];

const time = (text: string | undefined, flag: string): number => {
  const ms = text === undefined ? Number.NaN : Date.parse(text);
  if (Number.isNaN(ms))
    throw new UsageError(`--${flag}: expected an ISO 8601 date-time, got ${JSON.stringify(text ?? '')}`);
  return ms;
};

function port(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65_535)
    throw new UsageError(
      `--${flag}: expected a port from 0 to 65535 (0 = any free one), got ${JSON.stringify(text)}`,
    );
  return n;
}

const LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

function stateDir(v: Values): string {
  return v['state-dir'] ?? join(v['data-dir'] ?? './data', 'external');
}

/** PostgreSQL when a URL is given (flag or $PG_URL), else the state folder. */
function openStore(v: Values, env: CliIo['env'], lock = true): Promise<StateStore> {
  const url = v['pg-url'] ?? env.PG_URL;
  if (url === undefined || url === '') return FileStateStore.open(stateDir(v));
  if (v['state-dir'] !== undefined) throw new UsageError('use --state-dir or --pg-url/PG_URL, not both');
  return PgStateStore.open(url, { lock, name: v['state-name'] ?? 'default' });
}

const describeStore = (store: StateStore) =>
  store instanceof FileStateStore ? store.dir : `postgres:${(store as PgStateStore).name}`;

/** Kafka or the local log in --data-dir (default ./data), by the rule of `chooseTopicStore`. */
export function chooseSink(
  flags: { readonly brokers?: string | undefined; readonly 'data-dir'?: string | undefined },
  env: CliIo['env'],
): TopicStore {
  const choice = chooseTopicStore({
    brokers: flags.brokers,
    dataDir: flags['data-dir'],
    envBrokers: env.KAFKA_BROKERS,
  });
  if (choice.ok) return choice.store;
  if (choice.problem === 'both') throw new UsageError('use --brokers or --data-dir, not both');
  throw new UsageError(`--brokers (or KAFKA_BROKERS) ${choice.reason}`);
}

async function withCollector<T>(
  command: string,
  v: Values,
  io: CliIo,
  fn: (c: ExternalCollector, store: StateStore, logger: Logger) => Promise<T>,
): Promise<T> {
  if (v.config === undefined) throw new UsageError(`${command} needs --config <file>`);
  const level = v['log-level'] ?? 'info';
  if (!LEVELS.includes(level as (typeof LEVELS)[number]))
    throw new UsageError(`--log-level must be one of ${LEVELS.join(', ')}`);
  const config = await loadConfig(v.config, {
    env: io.env,
    ...(v['base-url'] ? { baseUrl: v['base-url'] } : {}),
  });
  const logger = pino({ name: 'inlet-external', level: level as Level }, pino.destination(2));
  const store = await openStore(v, io.env);
  try {
    const where = chooseSink(v, io.env);
    const { sink } = await openSink(where, { kafka: { clientId: 'inlet-external' } });
    try {
      const overrides = Object.fromEntries(Object.entries(config.topics).filter(([, t]) => t !== undefined));
      const topicNames = resolveTopicNames(overrides);
      const topics = { externalData: topicNames.externalData, deadLetter: topicNames.deadLetter };
      const collector = await ExternalCollector.create({ config, sink, store, topics, logger });
      logger.info(
        {
          sink: describeTopicStore(where),
          state: describeStore(store),
          sources: config.sources.map((s) => s.name),
        },
        `${command}`,
      );
      return await fn(collector, store, logger);
    } finally {
      await sink.close();
    }
  } finally {
    await store.close();
  }
}

async function dispatch(command: string, args: string[], v: Values, io: CliIo): Promise<number> {
  const needSource = () => {
    const [name, ...extra] = args;
    if (name === undefined) throw new UsageError(`${command} needs a source name`);
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    return name;
  };
  if (command === 'runs') {
    const limit = v.limit === undefined ? 50 : Number(v.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError(`--limit: expected a positive integer, got ${v.limit}`);
    const filter = { limit, ...(v.source ? { source: v.source } : {}) };
    let runs: RunRecord[];
    if ((v['pg-url'] ?? io.env.PG_URL ?? '') === '') runs = await readRunHistory(stateDir(v), filter);
    else {
      const store = await openStore(v, io.env, false);
      runs = await store.readRuns(filter).finally(() => store.close());
    }
    io.stdout.write(v.json ? runs.map((r) => `${JSON.stringify(r)}\n`).join('') : formatRuns(runs));
    return 0;
  }
  if (command === 'validate') {
    if (v.config === undefined) throw new UsageError('validate needs --config <file>');
    const config = await loadConfig(v.config, {
      env: io.env,
      ...(v['base-url'] ? { baseUrl: v['base-url'] } : {}),
    });
    for (const s of config.sources) {
      io.stdout.write(
        `${s.name}\t${s.enabled ? s.schedule.describe : 'disabled'}\t${s.entities.length} entit${s.entities.length === 1 ? 'y' : 'ies'}\t${s.url}\n`,
      );
    }
    return 0;
  }
  if (command === 'run') {
    const name = needSource();
    const run = await withCollector(command, v, io, (c) => c.runNow(name));
    io.stdout.write(formatRuns([run]));
    return run.status === 'failed' ? 1 : 0;
  }
  if (command === 'backfill') {
    const name = needSource();
    const from = time(v.from, 'from');
    const to = time(v.to, 'to');
    const runs = await withCollector(command, v, io, (c) => c.backfill(name, from, to));
    io.stdout.write(formatRuns(runs));
    return runs.some((r) => r.status === 'failed') ? 1 : 0;
  }
  if (command === 'start') {
    if (args.length > 0) throw new UsageError(`unexpected arguments: ${args.join(' ')}`);
    const healthPort = v.health === undefined ? undefined : port(v.health, 'health');
    await withCollector(command, v, io, async (c, store, logger) => {
      // The endpoint first: a port taken fails the start before any run begins.
      let health: ExternalHealthServer | undefined;
      if (healthPort !== undefined) {
        health = await startExternalHealthServer(
          { sources: c.sources, readRuns: (limit) => store.readRuns({ limit }) },
          healthPort,
        ).catch((error: unknown) => {
          throw new Error(
            `the health endpoint cannot listen on 127.0.0.1:${healthPort} (${errorMessage(error)}); free the port or pass another --health`,
          );
        });
        logger.info({ port: health.port }, 'external health endpoint on /healthz, /runs and /metrics');
      }
      c.start();
      const signal = io.signal;
      // The collector's timers are unref'd (it is a library); the command is what keeps the process up.
      const keepAlive = setInterval(() => {}, 1 << 30);
      try {
        if (signal && !signal.aborted) {
          await new Promise((r) => signal.addEventListener('abort', r, { once: true }));
        }
      } finally {
        clearInterval(keepAlive);
      }
      await health?.close();
      await c.stop();
    });
    return 0;
  }
  throw new UsageError(`unknown command "${command}"`);
}

/** Runs the CLI; resolves with the exit code. */
export async function runInletExternal(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    const [command, ...args] = positionals;
    if (values.help || command === undefined) {
      io.stdout.write(USAGE);
      return values.help ? 0 : 2;
    }
    return await dispatch(command, args, values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      return reportUsageError((text) => io.stderr.write(text), 'inlet-external', error.message);
    }
    io.stderr.write(`inlet-external: ${errorMessage(error)}\n`);
    return isExternalConfigError(error) ? 2 : 1;
  }
}
