import { parseFlags } from '@inlet/schemas/cli';
import { ConfigError } from '../config-error';
import { parsePortFlag } from '../net/port-flag';

export const USAGE = `Usage: inlet-kafka <command> [flags]

Runs a single-node Apache Kafka (KRaft) from Maven Central jars, for development.

Commands:
  start [--port N] [--skip-topics]   start the broker in the background and create the topic catalogue
  stop [--purge]                     stop it (--purge also deletes its data)
  status                             up/down, pid, port, topic count (exit code 1 when down)
  topics [--create]                  list topics with partitions and cleanup policy (--create: ensure the catalogue first)

Environment:
  KAFKA_BROKERS    use this cluster (host:port,...) instead of the local broker
  INLET_CACHE_DIR  where jars and the broker's data live (default: \${XDG_CACHE_HOME:-~/.cache}/inlet)`;

export type CliCommand =
  | { command: 'start'; port: number | undefined; skipTopics: boolean }
  | { command: 'stop'; purge: boolean }
  | { command: 'status' }
  | { command: 'topics'; create: boolean }
  | { command: 'help' };

const FLAGS = {
  start: { port: { type: 'string' }, 'skip-topics': { type: 'boolean' } },
  stop: { purge: { type: 'boolean' } },
  status: {},
  topics: { create: { type: 'boolean' } },
} as const;

type Name = keyof typeof FLAGS;
const isName = (name: string): name is Name => Object.hasOwn(FLAGS, name);

const parsePort = (text: string | undefined): number | undefined =>
  text === undefined ? undefined : parsePortFlag('port', text);

/** Parses `inlet-kafka` arguments (without `node` and the script). Throws `ConfigError` on bad input. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return { command: 'help' };
  if (!isName(name)) {
    throw new ConfigError(
      `Unknown command "${name}". Commands: ${Object.keys(FLAGS).join(', ')} (see --help).`,
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) return { command: 'help' };
  const values: Record<string, unknown> = parseFlags(
    rest,
    { options: FLAGS[name] },
    (message) => new ConfigError(`${name}: ${message} (see --help).`),
  ).values;
  switch (name) {
    case 'start':
      return {
        command: 'start',
        port: parsePort(typeof values.port === 'string' ? values.port : undefined),
        skipTopics: values['skip-topics'] === true,
      };
    case 'stop':
      return { command: 'stop', purge: values.purge === true };
    case 'status':
      return { command: 'status' };
    case 'topics':
      return { command: 'topics', create: values.create === true };
  }
}
