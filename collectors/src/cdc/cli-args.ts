/**
 * `inlet-cdc` flags and their environment fallbacks, parsed and checked once. Every problem is a usage
 * `CdcConfigError` that says what was wrong and what to pass instead.
 */
import { parseDuration } from '@inlet/schemas';
import { parseFlags } from '@inlet/schemas/cli';
import { chooseTopicStore } from '@inlet/streams';
import { CdcConfigError } from './errors';
import { SNAPSHOT_MODES, type SnapshotMode } from './options';
import { REPLICA_IDENTITIES, type ReplicaIdentity } from './preflight';
import { parseTables, type TableRef } from './tables';

export const CDC_USAGE = `Usage: inlet-cdc --pg-url <url> --tables <list> (--brokers <list> | --data-dir <dir>) [options]

Streams row changes of PostgreSQL tables (logical replication, pgoutput) as Debezium-compatible events.

Required:
  --pg-url <url>              postgres://user:password@host:5432/db (env PG_URL); the role needs REPLICATION
  --tables <list>             tables to capture: name or schema.name, comma-separated (env INLET_CDC_TABLES)
Sink (one of):
  --brokers <host:port,...>   Kafka bootstrap brokers (env KAFKA_BROKERS)
  --data-dir <dir>            the local durable log instead of Kafka (default ./data when no brokers)
Options:
  --slot <name>               replication slot, created if missing (default inlet_cdc)
  --publication <name>        publication, created if missing (default inlet_cdc)
  --snapshot <mode>           initial (default): when the slot is new | never | always: on every start
  --replica-identity <mode>   set the tables' REPLICA IDENTITY first: default | full (default: leave it)
  --topic <name>              topic for every event (default topic_cdc_changes)
  --topic-per-table           one topic per table: <server-name>.<schema>.<table>, as Debezium names them
  --server-name <name>        source.name and the per-table topic prefix (default inlet)
  --json-mode <mode>          JSON columns as object (default) or string (Debezium's encoding)
  --heartbeat <time>          heartbeat period, e.g. 10s (default); 0 turns heartbeats off
  --health <port>             serve GET /health and /metrics on <port>
  --health-host <host>        interface of the health server (default 127.0.0.1; 0.0.0.0 in a container)
  --log-level <level>         fatal | error | warn | info (default) | debug | silent
  -h, --help                  this text

Exit codes: 0 stopped by SIGINT/SIGTERM, 1 the database or the sink is not ready (message says the fix), 2 bad usage.`;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;
export type CliLogLevel = (typeof LOG_LEVELS)[number];

export interface CdcCliArgs {
  readonly help: boolean;
  readonly pgUrl: string;
  readonly tables: readonly TableRef[];
  readonly brokers: readonly string[] | undefined;
  readonly dataDir: string;
  readonly slot: string | undefined;
  readonly publication: string | undefined;
  readonly snapshot: SnapshotMode;
  readonly replicaIdentity: ReplicaIdentity | undefined;
  readonly topic: string | undefined;
  readonly topicPerTable: boolean;
  readonly serverName: string | undefined;
  readonly jsonMode: 'object' | 'string';
  readonly heartbeatMs: number | undefined;
  readonly healthPort: number | undefined;
  readonly healthHost: string;
  readonly logLevel: CliLogLevel;
}

const usage = (message: string, fix: string) => new CdcConfigError(message, { kind: 'usage', fix });

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T))
    throw usage(`--${flag} "${value}" is not one of ${allowed.join(', ')}`, `pass --${flag} ${allowed[0]}`);
  return value as T;
}

/** `10s`, `500ms`, `2m`, or a bare number of seconds → ms (0 allowed). */
export function parseInterval(text: string, flag: string): number {
  const ms = parseDuration(text, { allowZero: true });
  if (ms === undefined)
    throw usage(
      `--${flag} "${text}" is not a duration`,
      `pass e.g. --${flag} 10s (or 500ms, 2m, 0 to turn it off)`,
    );
  return ms;
}

export function parseCdcArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CdcCliArgs {
  const { values } = parse(argv);
  const help = values.help === true;
  const fromEnv = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const pgUrl = values['pg-url'] ?? fromEnv('PG_URL');
  const tablesText = values.tables ?? fromEnv('INLET_CDC_TABLES');
  if (!help && pgUrl === undefined) {
    throw usage('no PostgreSQL URL', 'pass --pg-url postgres://user:password@host:5432/db (or set PG_URL)');
  }
  if (!help && tablesText === undefined) throw usage('no tables to capture', 'pass --tables users,bookings');
  const sink = chooseTopicStore({
    brokers: values.brokers,
    dataDir: values['data-dir'],
    envBrokers: env.KAFKA_BROKERS,
  });
  if (!sink.ok && sink.problem === 'both') {
    throw usage(
      '--brokers and --data-dir both given',
      'pick one sink: Kafka (--brokers) or the local log (--data-dir)',
    );
  }
  if (!sink.ok) {
    throw usage(
      `--brokers "${sink.text}" is not a list of host:port`,
      'pass e.g. --brokers 127.0.0.1:9092,127.0.0.1:9093',
    );
  }
  const health = values.health === undefined ? undefined : Number(values.health);
  if (health !== undefined && !(Number.isInteger(health) && health >= 0 && health <= 65_535)) {
    throw usage(
      `--health "${values.health}" is not a port`,
      'pass a port number, e.g. --health 9464 (0 for any free one)',
    );
  }
  return {
    help,
    pgUrl: pgUrl ?? '',
    tables: help ? [] : parseTables(tablesText ?? ''),
    brokers: sink.store.kind === 'kafka' ? sink.store.brokers : undefined,
    dataDir: values['data-dir'] ?? './data',
    slot: values.slot,
    publication: values.publication,
    snapshot: oneOf(values.snapshot, SNAPSHOT_MODES, 'snapshot') ?? 'initial',
    replicaIdentity: oneOf(values['replica-identity'], REPLICA_IDENTITIES, 'replica-identity'),
    topic: values.topic,
    topicPerTable: values['topic-per-table'] === true,
    serverName: values['server-name'],
    jsonMode: oneOf(values['json-mode'], ['object', 'string'] as const, 'json-mode') ?? 'object',
    heartbeatMs: values.heartbeat === undefined ? undefined : parseInterval(values.heartbeat, 'heartbeat'),
    healthPort: health,
    healthHost: values['health-host'] ?? '127.0.0.1',
    logLevel: oneOf(values['log-level'], LOG_LEVELS, 'log-level') ?? 'info',
  };
}

function parse(argv: readonly string[]) {
  return parseFlags(
    argv,
    {
      options: {
        'pg-url': { type: 'string' },
        tables: { type: 'string' },
        brokers: { type: 'string' },
        'data-dir': { type: 'string' },
        slot: { type: 'string' },
        publication: { type: 'string' },
        snapshot: { type: 'string' },
        'replica-identity': { type: 'string' },
        topic: { type: 'string' },
        'topic-per-table': { type: 'boolean' },
        'server-name': { type: 'string' },
        'json-mode': { type: 'string' },
        heartbeat: { type: 'string' },
        health: { type: 'string' },
        'health-host': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    (message) => usage(message, 'see inlet-cdc --help for the flags'),
  );
}
