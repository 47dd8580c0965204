/**
 * `npm run bench -- gateway`: autocannon against (a) a bare node:http + JSON.parse server, (b) the
 * gateway with the local log, (c) the gateway with the real Kafka broker, (d) both with `--workers 2`,
 * in one run, each server in its own child process: warm-up, then a measured window. The table is
 * printed and appended to bench/RESULTS.md with the date, command and versions.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { promisify } from 'node:util';
import { brokersFromEnv, type KafkaBroker, startKafka } from '@inlet/scripts';
import { parseBenchFlags, positiveNumber, printUsage } from '../shared/flags';
import { processTreeCpuMs } from '../shared/process-cpu';
import { publishResults } from '../shared/results';
import { batchBody } from './events';
import { runLoad } from './load';
import { type Measured, table } from './report';
import { SCENARIOS, type Scenario, startServer } from './servers';

const USAGE = `Usage: npm run bench -- gateway [flags]
  --duration <s>      measured window per server (default 10)
  --warmup <s>        warm-up before each window (default 3)
  --connections <n>   concurrent connections (default 50)
  --events <n>        events per batch (default 20)
  --scenarios <list>  comma-separated, of: ${SCENARIOS.map((s) => s.id).join(', ')} (default: all)
  --log-level <lvl>   the gateway's --log-level (default info: one log line per request)
  --no-append         print the table only, do not append it to bench/RESULTS.md
Kafka: KAFKA_BROKERS if set, else the harness starts a broker for the run.
`;

const run = promisify(execFile);
const gitCommit = async (): Promise<string> => {
  try {
    const { stdout: sha } = await run('git', ['rev-parse', '--short', 'HEAD']);
    const { stdout: dirty } = await run('git', [
      'status',
      '--porcelain',
      '--',
      'gateway',
      'streams',
      'schemas',
    ]);
    return `${sha.trim()}${dirty.trim() ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
};

export async function runGatewayBench(argv: readonly string[]): Promise<void> {
  const { values, help, append } = parseBenchFlags(argv, {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    events: { type: 'string' },
    scenarios: { type: 'string' },
    'log-level': { type: 'string' },
  });
  if (help) return printUsage(USAGE);
  const duration = positiveNumber(values.duration, 10, 'duration');
  const warmup = positiveNumber(values.warmup, 3, 'warmup');
  const connections = Math.round(positiveNumber(values.connections, 50, 'connections'));
  const events = Math.round(positiveNumber(values.events, 20, 'events'));
  const logLevel = values['log-level'] ?? 'info';
  const wanted = values.scenarios?.split(',').map((s) => s.trim()) ?? SCENARIOS.map((s) => s.id);
  const unknown = wanted.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new Error(
      `--scenarios: unknown ${unknown.join(', ')}; pick from ${SCENARIOS.map((s) => s.id).join(', ')}`,
    );
  const scenarios = SCENARIOS.filter((s) => wanted.includes(s.id));
  const body = batchBody(events);
  const loadAvg = loadavg();

  let broker: KafkaBroker | undefined;
  let brokers = brokersFromEnv() ?? [];
  let kafkaVersion = 'external (KAFKA_BROKERS)';
  if (brokers.length === 0 && scenarios.some((s) => s.sink === 'kafka')) {
    process.stderr.write('Starting a Kafka broker with the harness…\n');
    broker = await startKafka({});
    brokers = broker.brokers;
    kafkaVersion = `${broker.version} (harness, single node)`;
  }

  const rows: Measured[] = [];
  try {
    for (const scenario of scenarios)
      rows.push(
        await measure(scenario, { brokers, logLevel, body: body.template, connections, duration, warmup }),
      );
  } finally {
    await broker?.stop();
  }

  const text = table(rows, events);
  process.stdout.write(`\n${text}\n`);
  const manifest = createRequire(import.meta.url).resolve('autocannon/package.json');
  const autocannonVersion = (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version;
  const cpu = cpus();
  const load = loadAvg.map((n) => n.toFixed(1)).join(', ');
  const section = [
    `\n## Gateway throughput, ${new Date().toISOString()}`,
    '',
    `Command: \`${['npm run bench -- gateway', ...argv].join(' ')}\`. Node ${process.version}, Kafka ${scenarios.some((s) => s.sink === 'kafka') ? kafkaVersion : 'not used'}, ` +
      `gateway commit ${await gitCommit()}, autocannon ${autocannonVersion}; ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `load average ${load} at the start (the machine is shared).`,
    '',
    `${connections} connections, ${events}-event batches (${body.sentBytes.toLocaleString('en-US')}-byte bodies, ~${body.eventBytes}-byte events, ` +
      `a fresh messageId per event), ${warmup} s warm-up then ${duration} s measured per server, each server in its own process, ` +
      `autocannon in the bench process on the same machine. Gateway log level: ${logLevel}. ` +
      '"CPU / event" is the server process tree\'s CPU time (user + system, from /proc) over the measured window divided by the events answered: ' +
      'what one event costs, steadier than events/s on a shared machine.',
    '',
    text,
    '',
  ].join('\n');
  await publishResults(section, { append, print: false });
}

interface MeasureOptions {
  readonly brokers: readonly string[];
  readonly logLevel: string;
  readonly body: string;
  readonly connections: number;
  readonly duration: number;
  readonly warmup: number;
}

async function measure(scenario: Scenario, options: MeasureOptions): Promise<Measured> {
  process.stderr.write(`${scenario.label}: starting… `);
  const server = await startServer(scenario, { brokers: options.brokers, logLevel: options.logLevel });
  try {
    const load = { url: server.url, body: options.body, connections: options.connections };
    await runLoad({ ...load, durationSeconds: options.warmup });
    const cpuBefore = await processTreeCpuMs(server.pid);
    const figures = await runLoad({ ...load, durationSeconds: options.duration });
    const cpuAfter = await processTreeCpuMs(server.pid);
    const spoolBytes = await server.spoolBytes();
    const serverCpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
    process.stderr.write(
      `${Math.round(figures.requestsPerSecond).toLocaleString('en-US')} req/s, p99 ${figures.p99Ms} ms\n`,
    );
    return { scenario, figures, spoolBytes, serverCpuMs };
  } finally {
    await server.stop();
  }
}
