/** `npm start` flags and environment, parsed once into a complete options object. */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseFlags } from '@inlet/schemas/cli';
import { ConfigError } from '../config-error';
import { brokersFromEnv } from '../kafka/env';
import { parsePortFlag } from '../net/port-flag';
import { pgUrlFromEnv } from '../postgres/check';

export const START_USAGE = `Usage: npm start -- [options]

Runs Inlet's whole pipeline on this machine: Kafka (or local logs), the gateway, PostgreSQL with the
OLTP workload and CDC, the external API stand-ins and collector, the stream processor, virtual
users and the demo site with its pipeline console. Ctrl-C stops it gracefully; a second one forces.

Options:
  --data-dir <dir>        data, logs and the Kafka broker's folder (default ./data)
  --port <n>              gateway port (default 8787)
  --demo-port <n>         storefront and pipeline console (default 3000)
  --stand-in-port <n>     external API stand-ins (default 4600); the next three ports are the
                          health ports of CDC (+1), the external collector (+2), the processor (+3)
  --write-key <key>       the gateway's write key (default: a new dev-… key each run)
  --no-kafka              local durable logs under the data folder instead of Kafka
  --verbose               also stream every part's log lines here, prefixed with its name
  -h, --help              this text

Environment: KAFKA_BROKERS=host:port,… uses that Kafka instead of starting one; PG_URL=postgres://…
uses that PostgreSQL (wal_level=logical) instead of the embedded one.`;

export interface StartOptions {
  readonly help: boolean;
  /** Absolute. */
  readonly dataDir: string;
  readonly gatewayPort: number;
  readonly demoPort: number;
  readonly standInPort: number;
  /** Health endpoints on 127.0.0.1: stand-in port + 1, + 2, + 3. */
  readonly healthPorts: { readonly cdc: number; readonly external: number; readonly processor: number };
  readonly writeKey: string;
  /** `KAFKA_BROKERS` when set. */
  readonly brokersFromEnv: readonly string[] | undefined;
  /** `PG_URL` when set. */
  readonly pgUrlFromEnv: string | undefined;
  readonly noKafka: boolean;
  readonly verbose: boolean;
}

const WRITE_KEY = /^[A-Za-z0-9_.-]{8,128}$/;

/** Parses the flags; throws a `ConfigError` saying what was wrong and how to fix it. */
export function parseStartOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): StartOptions {
  const { values } = parseFlags(
    argv,
    {
      options: {
        'data-dir': { type: 'string', default: './data' },
        port: { type: 'string', default: '8787' },
        'demo-port': { type: 'string', default: '3000' },
        'stand-in-port': { type: 'string', default: '4600' },
        'write-key': { type: 'string' },
        'no-kafka': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    },
    (message) => new ConfigError(`${message}. Run npm start -- --help for the flags.`),
  );
  const gatewayPort = parsePortFlag('port', values.port);
  const demoPort = parsePortFlag('demo-port', values['demo-port']);
  const standInPort = parsePortFlag('stand-in-port', values['stand-in-port']);
  if (standInPort > 65_532) {
    throw new ConfigError(
      `--stand-in-port ${standInPort} leaves no room for the three health ports after it: use 65532 or less.`,
    );
  }
  const healthPorts = { cdc: standInPort + 1, external: standInPort + 2, processor: standInPort + 3 };
  const taken = new Map<number, string>();
  const claim = (port: number, what: string) => {
    const other = taken.get(port);
    if (other) throw new ConfigError(`${what} and ${other} both want port ${port}: give each its own.`);
    taken.set(port, what);
  };
  claim(gatewayPort, '--port (gateway)');
  claim(demoPort, '--demo-port (demo site)');
  claim(standInPort, '--stand-in-port (API stand-ins)');
  claim(healthPorts.cdc, 'the CDC health port (--stand-in-port + 1)');
  claim(healthPorts.external, 'the external collector health port (--stand-in-port + 2)');
  claim(healthPorts.processor, 'the processor health port (--stand-in-port + 3)');
  const writeKey = values['write-key'] ?? `dev-${randomBytes(12).toString('hex')}`;
  if (!WRITE_KEY.test(writeKey)) {
    throw new ConfigError(`--write-key must be 8-128 letters, digits, _ . or -, got "${writeKey}".`);
  }
  return {
    help: values.help,
    dataDir: path.resolve(values['data-dir']),
    gatewayPort,
    demoPort,
    standInPort,
    healthPorts,
    writeKey,
    brokersFromEnv: brokersFromEnv(env),
    pgUrlFromEnv: pgUrlFromEnv(env),
    noKafka: values['no-kafka'],
    verbose: values.verbose,
  };
}
