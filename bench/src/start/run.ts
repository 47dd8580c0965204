/**
 * `npm run bench -- start`: from spawning `npm start` (its own Kafka broker, fresh data folder, jars
 * cached) to the first record on each of the nine topics, read from Kafka's high watermarks every
 * 250 ms; then one Ctrl-C to its process group and the time until it has stopped (parts, audit,
 * Kafka and PostgreSQL). Target: all nine within 60 s.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TOPIC_NAMES, TOPIC_KEYS } from '@inlet/schemas';
import { KAFKA_VERSION } from '@inlet/scripts';
import { spawnNpmStart } from '@inlet/scripts/testing';
import { createKafkaClient } from '@inlet/streams';
import { parseBenchFlags, positiveInt, printUsage } from '../shared/flags';
import { publishResults } from '../shared/results';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const TOPICS = TOPIC_KEYS.map((key) => DEFAULT_TOPIC_NAMES[key]);
const TARGET_S = 60;

export const START_BENCH_USAGE = `npm run bench -- start [options]
  --runs <n>        cold starts to measure, each with a fresh data folder (default 2)
  --timeout <s>     give up on a topic after this long (default 150)
  --no-append       print only; do not append to bench/RESULTS.md`;

interface RunFigures {
  /** Seconds from spawn to the first record, per topic (undefined: none before the timeout). */
  readonly firstRecord: ReadonlyMap<string, number | undefined>;
  /** Seconds from spawn to "Kafka and PostgreSQL up", and to each part's ready line. */
  readonly milestones: ReadonlyMap<string, number>;
  /** Seconds from the Ctrl-C to npm start's exit, and the audit's verdict. */
  readonly stopSeconds: number;
  readonly audit: string;
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'scripts/src/start'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} + uncommitted changes to scripts/src/start` : head;
  } catch {
    return 'unknown';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function oneRun(timeoutS: number): Promise<RunFigures> {
  const {
    child,
    dataDir,
    spawnedAt: t0,
  } = await spawnNpmStart({
    dataDirPrefix: 'inlet-bench-start-',
    kafka: 'own',
  });
  const seconds = () => (performance.now() - t0) / 1_000;
  let output = '';
  const milestones = new Map<string, number>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split('\n')) {
      const part = /✔ (\S+) +(?:ready|running) after/.exec(line)?.[1];
      if (part && !milestones.has(part)) milestones.set(part, seconds());
      if (/PostgreSQL up in/.test(line) && !milestones.has('Kafka + PostgreSQL'))
        milestones.set('Kafka + PostgreSQL', seconds());
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const firstRecord = new Map<string, number | undefined>(TOPICS.map((t) => [t, undefined]));
  try {
    const deadline = performance.now() + timeoutS * 1_000;
    let brokers: string | undefined;
    while (!brokers && performance.now() < deadline && child.exitCode === null) {
      brokers = /events go to Kafka at (\S+) /.exec(output)?.[1];
      if (!brokers) await sleep(100);
    }
    if (!brokers)
      throw new Error(`npm start did not report its Kafka (is Java 17 installed?):\n${output.slice(-2_000)}`);
    const admin = createKafkaClient({
      brokers: brokers.split(','),
      clientId: 'bench-start',
      logLevel: 'silent',
    }).admin();
    await admin.connect();
    try {
      while (performance.now() < deadline && [...firstRecord.values()].some((v) => v === undefined)) {
        await Promise.all(
          TOPICS.filter((t) => firstRecord.get(t) === undefined).map(async (topic) => {
            const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
            if (offsets.some((p) => Number(p.high) > 0)) firstRecord.set(topic, seconds());
          }),
        );
        await sleep(250);
      }
    } finally {
      await admin.disconnect();
    }
  } finally {
    const stopFrom = performance.now();
    const exited = once(child, 'exit');
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGINT');
    await exited;
    const stopSeconds = (performance.now() - stopFrom) / 1_000;
    milestones.set('stop', stopSeconds);
    await rm(dataDir, { recursive: true, force: true });
  }
  const audit = /audit of the virtual users' events: (.*?) \(report/.exec(output)?.[1] ?? 'no audit line';
  return { firstRecord, milestones, stopSeconds: milestones.get('stop') ?? Number.NaN, audit };
}

const s = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(1));

export async function run(argv: readonly string[]): Promise<void> {
  const { values, help, append } = parseBenchFlags(argv, {
    runs: { type: 'string' },
    timeout: { type: 'string' },
  });
  if (help) return printUsage(START_BENCH_USAGE);
  const runs = positiveInt(values.runs, 2, 'runs', START_BENCH_USAGE);
  const timeoutS = positiveInt(values.timeout, 150, 'timeout', START_BENCH_USAGE);
  const loadBefore = loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');
  const results: RunFigures[] = [];
  for (let i = 0; i < runs; i++) {
    process.stderr.write(`bench start: run ${i + 1} of ${runs}…\n`);
    results.push(await oneRun(timeoutS));
  }
  const loadAfter = loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');
  const head = `| | ${results.map((_, i) => `run ${i + 1}`).join(' | ')} |\n|---|${results.map(() => '---:').join('|')}|`;
  const row = (label: string, pick: (r: RunFigures) => string) =>
    `| ${label} | ${results.map(pick).join(' | ')} |`;
  const all = (r: RunFigures) => {
    const times = [...r.firstRecord.values()];
    return times.some((t) => t === undefined) ? undefined : Math.max(...(times as number[]));
  };
  const parts = [...new Set(results.flatMap((r) => [...r.milestones.keys()]))].filter((k) => k !== 'stop');
  const table = [
    head,
    ...TOPICS.map((topic) => row(`first record on \`${topic}\``, (r) => s(r.firstRecord.get(topic)))),
    row(`**all nine topics** (target ≤ ${TARGET_S} s)`, (r) => {
      const t = all(r);
      return t === undefined ? 'not all' : `**${s(t)}** ${t <= TARGET_S ? '✓' : '✗'}`;
    }),
    ...parts.map((part) => row(`${part} ready`, (r) => s(r.milestones.get(part)))),
    row('Ctrl-C → npm start exited (incl. the audit)', (r) => s(r.stopSeconds)),
    row('audit at stop', (r) => r.audit),
  ].join('\n');
  const section = [
    `\n## npm start: spawn to first record on each topic, ${new Date().toISOString()}\n`,
    `Command: \`npm run bench -- start ${argv.join(' ')}\`. Commit ${commit()}; Kafka ${KAFKA_VERSION} (the project's own broker, jars cached, fresh data folder each run); node ${process.version}; ${cpus().length} CPUs, load average ${loadBefore} at the start, ${loadAfter} at the end (shared machine).`,
    "Seconds from spawning `npm start` (its own process group) to the first record on each topic (Kafka high watermarks polled every 250 ms), and to each part's ready line; then one SIGINT to the group, as a terminal sends on Ctrl-C.\n",
    table,
    '',
  ].join('\n');
  await publishResults(section, { append });
}
