/**
 * `npm run bench -- vu`: how many concurrent virtual users this machine drives while keeping their
 * event rate within 5% of the target, memory per user, and events/s through a gateway (local log;
 * Kafka too when KAFKA_BROKERS is set). The gateway runs in its own process on the same machine.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { brokersFromEnv, type KafkaBroker, startKafka } from '@inlet/scripts';
import { parseBenchFlags, printUsage } from '../shared/flags';
import { publishResults } from '../shared/results';
import { startBenchGateway, VU_BENCH_KEY } from './gateway-child';
import { capacityStep, memoryPerUser, type PushFigures, pushThrough, type StepFigures } from './measure';

const USAGE = `Usage: npm run bench -- vu [flags]
  --steps <a,b,…>       concurrent users per capacity step (default 10000,15000,20000,25000)
  --seconds <s>         length of each step, at least 5 (default 15)
  --memory-users <n>    users in the memory-per-user measure (default 10000)
  --kafka               also push through Kafka, with the harness's broker when KAFKA_BROKERS is unset
  --no-append           print only, do not append to bench/RESULTS.md
`;

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const PUSH_USERS = 2_000;
const PUSH_SPEED = 20;

async function version(pkg: string): Promise<string> {
  const path = fileURLToPath(new URL(`../../../node_modules/${pkg}/package.json`, import.meta.url));
  return (JSON.parse(await readFile(path, 'utf8')) as { version: string }).version;
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

const stepRow = (s: StepFigures) =>
  `| ${n(s.users).padStart(6)} | ${n(s.target).padStart(8)} | ${n(s.generated).padStart(8)} | ${(s.ratio * 100).toFixed(1).padStart(5)}% | ${n(s.acknowledgedPerSecond).padStart(7)} | ${n(s.left).padStart(6)} | ${n(s.p99Ms).padStart(7)} | ${n(s.failedRequests).padStart(6)} / ${n(s.requests)} | ${n(s.peakRssMb).padStart(5)} | ${s.ok ? 'yes' : 'no'} |`;

export async function run(argv: readonly string[]): Promise<void> {
  const { values, help, append } = parseBenchFlags(argv, {
    steps: { type: 'string', default: '10000,15000,20000,25000' },
    seconds: { type: 'string', default: '15' },
    'memory-users': { type: 'string', default: '10000' },
    kafka: { type: 'boolean' },
  });
  if (help) return printUsage(USAGE);
  const steps = String(values.steps).split(',').map(Number);
  const seconds = Number(values.seconds);
  const memoryUsers = Number(values['memory-users']);
  if (steps.some((s) => !(Number.isInteger(s) && s > 0)) || !(seconds >= 5) || !(memoryUsers > 0)) {
    throw new Error(
      '--steps must be whole numbers > 0 (e.g. 10000,15000), --seconds ≥ 5, --memory-users > 0',
    );
  }
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');
  const seed = 20_261_127;

  process.stderr.write(`memory: ${n(memoryUsers)} users against an in-memory gateway…\n`);
  const memory = await memoryPerUser(memoryUsers, seed);

  const rows: StepFigures[] = [];
  const gateway = await startBenchGateway();
  try {
    for (const users of steps) {
      process.stderr.write(`capacity: ${n(users)} users for ${seconds} s…\n`);
      const step = await capacityStep(gateway.url, VU_BENCH_KEY, users, seconds, seed);
      rows.push(step);
      if (!step.ok) break;
    }
  } finally {
    await gateway.stop();
  }

  const push: (PushFigures & { sink: string })[] = [];
  let brokers = brokersFromEnv();
  let broker: KafkaBroker | undefined;
  if (!brokers?.length && values.kafka) {
    process.stderr.write('Starting a Kafka broker with the harness…\n');
    broker = await startKafka({});
    brokers = broker.brokers;
  }
  try {
    for (const sink of brokers?.length ? ['local', 'kafka'] : ['local']) {
      process.stderr.write(`push: ${n(PUSH_USERS)} users at ×${PUSH_SPEED} through the gateway (${sink})…\n`);
      const gw = await startBenchGateway(sink === 'kafka' ? brokers : undefined);
      try {
        push.push({ sink, ...(await pushThrough(gw.url, VU_BENCH_KEY, PUSH_USERS, PUSH_SPEED, 15, seed)) });
      } finally {
        await gw.stop();
      }
    }
  } finally {
    await broker?.stop();
  }

  const sustained = rows.filter((r) => r.ok).at(-1);
  const cpu = cpus();
  const text = [
    `Memory: ${n(memory.users)} concurrent users (in-memory gateway), after a full GC: **${memory.heapPerUserKb} KB heap, ${memory.rssPerUserKb} KB RSS per user** (heap ${n(memory.heapMb)} MB, RSS ${n(memory.rssMb)} MB in all). Target ≤ 50 KB.`,
    '',
    `Capacity: load profile (web 55%, mobile 40%, services 5%; natural think times), 3 s ramp then hold, ${seconds} s per step, gateway \`--sink local\` in its own process. Target: the events the same seeded run makes in simulated time. Sustained = ≥ 95% of target and nothing left queued after a 10 s drain. **Most sustained: ${sustained ? n(sustained.users) : 'none'} users** (target ≥ 10,000).`,
    '',
    '|  users |   target | generated |  ratio | acked/s |   left | p99 ms | failed / requests | RSS MB | sustained |',
    '| -----: | -------: | --------: | -----: | ------: | -----: | -----: | ----------------: | -----: | --------- |',
    ...rows.map(stepRow),
    '',
    `Push: ${n(PUSH_USERS)} users at ×${PUSH_SPEED} speed (SDK flushAt 100, flushInterval 5 s), 15 s, then drained; acknowledged events over the run and its drain: ${push
      .map(
        (p) =>
          `**${n(p.perSecond)} events/s** through the gateway (${p.sink}; generated ${n(p.generatedPerSecond)}/s, request p99 ${n(p.p99Ms)} ms, ${n(p.left)} left)`,
      )
      .join('; ')}${brokers?.length ? '' : '; Kafka not measured (set KAFKA_BROKERS or pass --kafka)'}.`,
  ].join('\n');
  process.stdout.write(`\n${text}\n`);
  const section = [
    `\n## Virtual users, ${new Date().toISOString()}`,
    '',
    `Command: \`${['npm run bench -- vu', ...argv].join(' ')}\`. Node ${process.version}, commit ${commit()}, @faker-js/faker ${await version('@faker-js/faker')}, undici ${await version('undici')}; ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, load average ${load} at the start (the machine is shared). Simulator and gateway on the same machine.`,
    '',
    text,
    '',
  ].join('\n');
  await publishResults(section, { append, print: false });
}
