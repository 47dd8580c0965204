/**
 * `npm run bench -- external`: records/s per provider through the external collector (with
 * pagination), and the collector's CPU when idle and under the seed profile. Prints a table and
 * appends it to bench/RESULTS.md.
 */
import { cpus, loadavg } from 'node:os';
import { createKafkaSink, parseBrokerList } from '@inlet/streams';
import { parseBenchFlags, positiveInt, printUsage } from '../shared/flags';
import { publishResults } from '../shared/results';
import { type CpuRow, measureIdleCpu } from './idle-cpu';
import { measureThroughput, type ThroughputRow } from './throughput';

const USAGE = `Usage: npm run bench -- external [flags]
  --rounds <n>        runs per provider in the throughput part (default 20)
  --idle-seconds <s>  CPU measuring window per profile (default 30)
  --brokers <list>    write to Kafka instead of a local log in a temp folder (default: $KAFKA_BROKERS if set)
  --no-append         print only, do not append to bench/RESULTS.md
`;

const int = (n: number) => Math.round(n).toLocaleString('en-US');

function throughputTable(rows: readonly ThroughputRow[]): string {
  return [
    '| provider | workload | runs | requests (pages) | records | s | records/s |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.provider} | ${r.workload} | ${r.runs} | ${int(r.requests)} | ${int(r.records)} | ${r.seconds.toFixed(2)} | ${int(r.records / r.seconds)} |`,
    ),
  ].join('\n');
}

function cpuTable(rows: readonly CpuRow[]): string {
  return [
    '| profile | window | CPU time | CPU % of one core | runs in window |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.profile} | ${r.seconds} s | ${int(r.cpuMs)} ms | ${((r.cpuMs / (r.seconds * 1000)) * 100).toFixed(2)}% | ${r.runs} |`,
    ),
  ].join('\n');
}

export async function run(args: readonly string[]): Promise<void> {
  const { values, help, append } = parseBenchFlags(args, {
    rounds: { type: 'string' },
    'idle-seconds': { type: 'string' },
    brokers: { type: 'string' },
  });
  if (help) return printUsage(USAGE);
  const rounds = positiveInt(values.rounds, 20, 'rounds');
  const idleSeconds = positiveInt(values['idle-seconds'], 30, 'idle-seconds');
  const brokersText = values.brokers ?? process.env.KAFKA_BROKERS;
  // A blank list means no brokers: the bench writes a local log in a temporary folder.
  const parsedBrokers = brokersText?.trim() ? parseBrokerList(brokersText) : undefined;
  if (parsedBrokers?.ok === false) throw new Error(`--brokers (or KAFKA_BROKERS) ${parsedBrokers.problem}`);
  const brokers = parsedBrokers?.brokers;
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(', ');
  const sink = brokers?.length
    ? createKafkaSink({ brokers, clientId: 'inlet-bench-external', logLevel: 'silent' })
    : undefined;
  let throughput: ThroughputRow[];
  try {
    throughput = await measureThroughput({ rounds, ...(sink ? { sink } : {}) });
  } finally {
    await sink?.close();
  }
  process.stdout.write(`\n${throughputTable(throughput)}\n`);
  const cpu = await measureIdleCpu(idleSeconds);
  process.stdout.write(`\n${cpuTable(cpu)}\n`);
  const cpuInfo = cpus();
  const section = [
    `\n## External collector, ${new Date().toISOString()}`,
    '',
    `Command: \`${['npm run bench -- external', ...args].join(' ')}\`. Node ${process.version}; ` +
      `${cpuInfo.length} × ${cpuInfo[0]?.model.trim() ?? 'unknown CPU'}, load average ${load} at the start (the machine is shared). ` +
      `Sink: ${sink ? `Kafka ${brokers?.join(',')}` : 'local durable log (fsync per append) in a temp folder'}.`,
    '',
    'Throughput: the whole collector path (HTTP to the stand-ins on 127.0.0.1, pagination, mapping, validation, dedup, ' +
      'durable append, state commit) with no rate limits, the stand-ins in the same process on a manual clock.',
    '',
    throughputTable(throughput),
    '',
    'CPU: `inlet-external start` in its own process, user + system time from /proc over the window, after 8 s of start-up.',
    '',
    cpuTable(cpu),
    '',
  ].join('\n');
  await publishResults(section, { append, print: false });
}
