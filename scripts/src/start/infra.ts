/**
 * The infrastructure under the parts: Kafka (the project's own broker, `KAFKA_BROKERS`, or none)
 * and PostgreSQL (embedded, or `PG_URL`). Each runs in a child of its own so that it stops last.
 */
import path from 'node:path';
import { ensureCatalogue } from '../kafka/catalogue';
import { MIN_JAVA_MAJOR } from '../kafka/version';
import { type ManagedChild, spawnManaged } from './managed-child';
import { PartStartError } from './part-errors';

export interface Infra {
  readonly child: ManagedChild | undefined;
}

/** Resolves once the child printed a `<key>=<value>` line for one of `keys`; rejects when it exits first. */
async function announced(
  child: ManagedChild,
  keys: readonly string[],
  found: Map<string, string>,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const check = () => keys.some((key) => found.has(key)) && resolve();
    const poll = setInterval(check, 50);
    poll.unref();
    void child.exited.then(() => {
      clearInterval(poll);
      check();
      reject(
        new PartStartError(child.name, 'it exited before it was ready', child.lastLines(), child.logFile),
      );
    });
  });
}

function lineCollector(found: Map<string, string>) {
  return (line: string, stream: 'stdout' | 'stderr') => {
    const match = stream === 'stdout' ? /^([A-Z_]+)=(.*)$/.exec(line) : null;
    if (match?.[1] && match[2] !== undefined) found.set(match[1], match[2]);
  };
}

export interface PostgresInfra extends Infra {
  readonly url: string;
  /** Where its data is (`undefined` with PG_URL). */
  readonly dataDir: string | undefined;
}

/** `PG_URL`, or an embedded PostgreSQL in its own child under `<dataDir>/postgres`. */
export async function startPostgresInfra(
  fromEnv: string | undefined,
  dataDir: string,
  logsDir: string,
  root: string,
): Promise<PostgresInfra> {
  if (fromEnv) return { url: fromEnv, dataDir: undefined, child: undefined };
  const found = new Map<string, string>();
  const child = spawnManaged({
    name: 'postgres',
    args: [
      '--import',
      'tsx',
      path.join(root, 'scripts/src/start/postgres-child.ts'),
      path.join(dataDir, 'postgres'),
    ],
    cwd: root,
    logFile: path.join(logsDir, 'postgres.log'),
    onLine: lineCollector(found),
  });
  // PG_DATA comes first: once PG_URL is there, both are.
  await announced(child, ['PG_URL'], found);
  return { url: found.get('PG_URL') as string, dataDir: found.get('PG_DATA'), child };
}

export const KAFKA_MODE = { own: 'own', external: 'external', local: 'local' } as const;
export type KafkaMode = (typeof KAFKA_MODE)[keyof typeof KAFKA_MODE];

export interface KafkaInfra extends Infra {
  readonly mode: KafkaMode;
  readonly brokers: string | undefined;
  /** One line for the header: which sink, and why when it is not Kafka. */
  readonly note: string;
}

export const NO_JAVA_HINT = `apt-get install openjdk-${MIN_JAVA_MAJOR}-jre-headless`;

/** Kafka unless told otherwise: `--no-kafka` → local logs; `KAFKA_BROKERS` → that; no Java → local logs. */
export async function startKafkaInfra(options: {
  readonly noKafka: boolean;
  readonly fromEnv: readonly string[] | undefined;
  readonly dataDir: string;
  readonly logsDir: string;
  readonly root: string;
}): Promise<KafkaInfra> {
  const local = (note: string): KafkaInfra => ({ mode: 'local', brokers: undefined, note, child: undefined });
  if (options.noKafka) return local(`local durable logs under ${options.dataDir} (--no-kafka)`);
  if (options.fromEnv) {
    try {
      await ensureCatalogue(options.fromEnv);
    } catch (error) {
      throw new PartStartError(
        'kafka',
        `KAFKA_BROKERS=${options.fromEnv.join(',')} does not answer (${(error as Error).message}); start that cluster, or unset KAFKA_BROKERS to let npm start run its own broker`,
      );
    }
    const brokers = options.fromEnv.join(',');
    return { mode: 'external', brokers, note: `Kafka at ${brokers} (KAFKA_BROKERS)`, child: undefined };
  }
  const found = new Map<string, string>();
  const instance = path.join(options.dataDir, 'kafka');
  // The child checks Java itself (one `java -version` fewer on the way to a running broker).
  const child = spawnManaged({
    name: 'kafka',
    args: ['--import', 'tsx', path.join(options.root, 'scripts/src/start/kafka-child.ts'), instance],
    cwd: options.root,
    logFile: path.join(options.logsDir, 'kafka.log'),
    onLine: lineCollector(found),
  });
  await announced(child, ['KAFKA_BROKERS', 'KAFKA_UNAVAILABLE'], found);
  const unavailable = found.get('KAFKA_UNAVAILABLE');
  if (unavailable !== undefined) {
    await child.exited;
    // Java missing or too old is the usual case; anything else (e.g. Maven for the first jar fetch) as it was said.
    const why =
      /\bjava\b/i.test(unavailable) && !/maven/i.test(unavailable)
        ? `no Java ${MIN_JAVA_MAJOR} for Kafka (${NO_JAVA_HINT}, then npm start again)`
        : unavailable;
    return local(`local durable logs under ${options.dataDir}: ${why}`);
  }
  const brokers = found.get('KAFKA_BROKERS') as string;
  return { mode: 'own', brokers, note: `Kafka at ${brokers} (its data in ${instance})`, child };
}
