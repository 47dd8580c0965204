import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { isConfigError } from '../config-error';
import { startKafka } from './broker';
import { ensureCatalogue as createCatalogue } from './catalogue';
import { type CliCommand, parseCliArgs, USAGE } from './cli-args';
import { brokersFromEnv } from './env';
import { isKafkaStartError, isKafkaUnavailableError } from './errors';
import { devBrokerDir, inletCacheDir } from './paths';
import { stopPid } from './process';
import { probeKafka } from './ready';
import { brokerRunning, readState, removeState, writeState } from './state';
import { describeTopics, formatTopicTable } from './topics';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function withAdmin<T>(
  brokers: string[],
  fn: (admin: ReturnType<Kafka['admin']>) => Promise<T>,
): Promise<T> {
  const admin = new Kafka({ clientId: 'inlet-kafka-cli', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** The cluster the commands talk to: KAFKA_BROKERS, else the local broker if its state file says it runs. */
async function targetBrokers(devDir: string): Promise<{ brokers: string[]; pid?: number } | undefined> {
  const fromEnv = brokersFromEnv();
  if (fromEnv) return { brokers: fromEnv };
  const state = await readState(devDir);
  if (!state || !brokerRunning(state)) return undefined;
  return { brokers: [`127.0.0.1:${state.port}`], pid: state.pid };
}

async function ensureCatalogue(brokers: string[]): Promise<void> {
  const { created, existing } = await createCatalogue(brokers);
  out(`Topic catalogue: ${created.length} created, ${existing.length} already there.`);
}

async function start(cmd: Extract<CliCommand, { command: 'start' }>, devDir: string): Promise<number> {
  const fromEnv = brokersFromEnv();
  if (fromEnv) {
    out(`KAFKA_BROKERS is set (${fromEnv.join(',')}): using that cluster, not starting one.`);
    if (!cmd.skipTopics) await ensureCatalogue(fromEnv);
    return 0;
  }
  const state = await readState(devDir);
  if (state && brokerRunning(state)) {
    out(`Kafka is already running (pid ${state.pid}) on 127.0.0.1:${state.port}.`);
    out(`Use it:  export KAFKA_BROKERS=127.0.0.1:${state.port}`);
    return 0;
  }
  const broker = await startKafka({
    detached: true,
    dataDir: join(devDir, 'instance'),
    ...(cmd.port === undefined ? {} : { port: cmd.port }),
    log: out,
  });
  await writeState(devDir, {
    pid: broker.pid,
    port: broker.port,
    controllerPort: broker.controllerPort,
    dataDir: broker.dataDir,
    version: broker.version,
    startedAt: new Date().toISOString(),
  });
  if (!cmd.skipTopics) await ensureCatalogue(broker.brokers);
  out(`Kafka ${broker.version} is up (pid ${broker.pid}); bootstrap: ${broker.brokers.join(',')}`);
  out(`Logs: ${join(broker.dataDir, 'logs', 'server.log')}`);
  out(`Use it:  export KAFKA_BROKERS=${broker.brokers.join(',')}`);
  out('Stop it: npm run kafka -- stop');
  return 0;
}

async function stop(cmd: Extract<CliCommand, { command: 'stop' }>, devDir: string): Promise<number> {
  const state = await readState(devDir);
  if (state && brokerRunning(state)) {
    await stopPid(state.pid, 30_000);
    out(`Stopped Kafka (pid ${state.pid}).`);
  } else {
    out('Kafka is not running.');
  }
  await removeState(devDir);
  if (cmd.purge) {
    await rm(join(devDir, 'instance'), { recursive: true, force: true });
    out(`Deleted its data (${join(devDir, 'instance')}).`);
  }
  return 0;
}

async function status(devDir: string): Promise<number> {
  const target = await targetBrokers(devDir);
  if (!target) {
    out('Kafka: down (no local broker running; start one with `npm run kafka -- start`).');
    return 1;
  }
  try {
    const info = await probeKafka(target.brokers);
    const topics = await withAdmin(target.brokers, (admin) => describeTopics(admin));
    const pid = target.pid === undefined ? 'external (KAFKA_BROKERS)' : `pid ${target.pid}`;
    out(`Kafka: up, ${pid}, bootstrap ${target.brokers.join(',')}, cluster ${info.clusterId}`);
    out(`Brokers: ${info.brokerCount}, topics: ${topics.length}`);
    return 0;
  } catch (error) {
    out(`Kafka: down (${target.brokers.join(',')} does not answer: ${(error as Error).message}).`);
    return 1;
  }
}

async function topics(cmd: Extract<CliCommand, { command: 'topics' }>, devDir: string): Promise<number> {
  const target = await targetBrokers(devDir);
  if (!target) {
    out('Kafka is not running: start it with `npm run kafka -- start` or set KAFKA_BROKERS.');
    return 1;
  }
  if (cmd.create) await ensureCatalogue(target.brokers);
  out(formatTopicTable(await withAdmin(target.brokers, (admin) => describeTopics(admin))));
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const cmd = parseCliArgs(argv);
  const devDir = devBrokerDir(inletCacheDir());
  switch (cmd.command) {
    case 'help':
      out(USAGE);
      return 0;
    case 'start':
      return start(cmd, devDir);
    case 'stop':
      return stop(cmd, devDir);
    case 'status':
      return status(devDir);
    case 'topics':
      return topics(cmd, devDir);
  }
}

// Exit explicitly: a kafkajs retry timer must not keep a finished command alive. The broker
// itself is detached, and stdout/stderr writes to files and pipes are synchronous here.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = isConfigError(error) || isKafkaUnavailableError(error) || isKafkaStartError(error);
    process.stderr.write(`inlet-kafka: ${known ? (error as Error).message : (error as Error).stack}\n`);
    process.exit(2);
  },
);
