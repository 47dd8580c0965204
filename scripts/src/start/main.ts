/**
 * `npm start`: runs Inlet's whole pipeline on this machine, no Docker. Kafka (the project's own
 * broker unless KAFKA_BROKERS is set; local durable logs with --no-kafka or without Java) and
 * PostgreSQL first, then each part as the parts it needs are ready. A short header, then one live
 * status line; the parts' logs go to <data-dir>/logs. Ctrl-C stops everything in order; a second
 * Ctrl-C forces.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '@inlet/schemas';
import { isConfigError } from '../config-error';
import { auditOnStop } from './audit-on-stop';
import { writeGatewayConfig } from './gateway-config';
import { headerLines } from './header';
import { type KafkaInfra, type PostgresInfra, startKafkaInfra, startPostgresInfra } from './infra';
import { type ManagedChild, stopManaged } from './managed-child';
import { parseStartOptions, START_USAGE, type StartOptions } from './options';
import { formatPartFailure, isPartStartError, PartStartError } from './part-errors';
import { PARTS, type PartContext } from './parts';
import { watchTopics } from './status-watch';
import { STOP_REQUEST, stopSignals } from './stop-signals';
import { Supervisor } from './supervisor';
import { Terminal } from './terminal';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function run(opts: StartOptions, terminal: Terminal): Promise<number> {
  const logsDir = path.join(opts.dataDir, 'logs');
  // As root, the embedded PostgreSQL runs as the `postgres` user: its folder must be reachable.
  await mkdir(logsDir, { recursive: true, mode: 0o755 });
  const started = Date.now();
  let supervisor: Supervisor | undefined;
  let kafka: KafkaInfra | undefined;
  let postgres: PostgresInfra | undefined;
  let stopWatch: (() => Promise<void>) | undefined;
  let exitCode = 0;
  let infraStarting = false;
  let stopRequested = false;
  let stopping: Promise<number> | undefined;
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });
  const infraChildren = (): ManagedChild[] =>
    [kafka?.child, postgres?.child].filter((c): c is ManagedChild => c !== undefined);

  const stopAll = (code: number): Promise<number> => {
    stopping ??= (async () => {
      exitCode = Math.max(exitCode, code);
      const from = Date.now();
      terminal.clearStatus();
      await stopWatch?.();
      await supervisor?.stop();
      if (supervisor) terminal.say(`  parts stopped in ${((Date.now() - from) / 1_000).toFixed(1)} s`);
      const ledger = path.join(opts.dataDir, 'simulators', 'ledger.jsonl');
      // Only this run's ledger: one left by an earlier run would be audited against today's topics.
      if (supervisor?.launched('simulators') && kafka) {
        const audit = await auditOnStop({
          root,
          ledger,
          brokers: kafka.brokers,
          gatewayDir: path.join(opts.dataDir, 'gateway'),
          logsDir,
        });
        if (audit)
          terminal.say(
            `  ${audit.ok ? '✔' : '✖'} audit of the virtual users' events: ${audit.verdict} (report: ${audit.logFile})`,
          );
      }
      await Promise.all(
        infraChildren().map((child) => stopManaged(child, child.name === 'kafka' ? 25_000 : 15_000)),
      );
      terminal.say(`Stopped in ${((Date.now() - from) / 1_000).toFixed(1)} s.`);
      resolveDone(exitCode);
      return exitCode;
    })();
    return stopping;
  };

  const classify = stopSignals();
  const onSignal = () => {
    const request = classify();
    if (request === STOP_REQUEST.repeat) return;
    if (request === STOP_REQUEST.force) {
      terminal.say('Second Ctrl-C: killing every part now.');
      supervisor?.force();
      for (const child of infraChildren()) child.signal('SIGKILL');
      process.exit(130);
    }
    terminal.clearStatus();
    stopRequested = true;
    if (infraStarting) {
      terminal.say('Stopping once Kafka and PostgreSQL have started (Ctrl-C again to force).');
      return;
    }
    terminal.say(
      'Stopping: virtual users and storefront flush, then the gateway, collectors, Kafka and PostgreSQL (at most ~2 min; Ctrl-C again to force).',
    );
    void stopAll(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const fail = (error: PartStartError) => {
    if (stopping) return;
    terminal.clearStatus();
    terminal.say(formatPartFailure(error));
    void stopAll(1);
  };

  terminal.say(`Inlet — starting the pipeline (data and logs in ${opts.dataDir})`);
  infraStarting = true;
  const [kafkaResult, postgresResult] = await Promise.allSettled([
    startKafkaInfra({
      noKafka: opts.noKafka,
      fromEnv: opts.brokersFromEnv,
      dataDir: opts.dataDir,
      logsDir,
      root,
    }),
    startPostgresInfra(opts.pgUrlFromEnv, opts.dataDir, logsDir, root),
  ]);
  infraStarting = false;
  // Both settle before anything stops, so that neither is left running when the other failed.
  if (kafkaResult.status === 'fulfilled') kafka = kafkaResult.value;
  if (postgresResult.status === 'fulfilled') postgres = postgresResult.value;
  for (const result of [kafkaResult, postgresResult]) {
    if (result.status === 'fulfilled') continue;
    const error: unknown = result.reason;
    fail(isPartStartError(error) ? error : new PartStartError('infrastructure', (error as Error).message));
  }
  if (stopRequested) void stopAll(0);
  if (stopping || !kafka || !postgres) return done;

  const ctx: PartContext = {
    brokers: kafka.brokers,
    dataDir: opts.dataDir,
    writeKey: opts.writeKey,
    gatewayPort: opts.gatewayPort,
    demoPort: opts.demoPort,
    standInPort: opts.standInPort,
    healthPorts: opts.healthPorts,
    pgUrl: postgres.url,
  };
  await writeGatewayConfig(opts.dataDir, opts.writeKey, opts.demoPort);
  for (const line of headerLines({
    opts,
    ctx,
    kafka,
    postgres,
    logsDir,
    infraSeconds: (Date.now() - started) / 1_000,
  })) {
    terminal.say(line);
  }
  supervisor = new Supervisor({
    root,
    started,
    ctx,
    logsDir,
    say: (line) => terminal.say(line),
    ...(opts.verbose ? { echo: (part: string, line: string) => terminal.say(`[${part}] ${line}`) } : {}),
    onFailure: fail,
  });
  supervisor.start(PARTS);
  stopWatch = watchTopics({
    brokers: kafka.brokers,
    localDirs: ['gateway', 'cdc', 'external', 'processor'].map((dir) => path.join(opts.dataDir, dir)),
    terminal,
    started,
  });
  return done;
}

async function main(): Promise<void> {
  const terminal = new Terminal(process.stdout);
  let opts: StartOptions;
  try {
    opts = parseStartOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    process.stderr.write(`npm start: ${error.message}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${START_USAGE}\n`);
    return;
  }
  try {
    process.exit(await run(opts, terminal));
  } catch (error) {
    // Whatever was not foreseen still gets one readable line rather than a stack trace.
    process.stderr.write(
      `npm start: ${errorMessage(error)} (run with --verbose, or see ${path.join(opts.dataDir, 'logs')})\n`,
    );
    process.exit(1);
  }
}

await main();
