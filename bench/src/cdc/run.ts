/**
 * `npm run bench -- cdc`: the OLTP workload → PostgreSQL → inlet-cdc → Kafka, on the embedded PostgreSQL
 * and a local Kafka (or PG_URL / KAFKA_BROKERS). Phases: sustained load, the seed rate, half the
 * sustained rate, and the collector's capacity on a backlog. Prints a table and appends it to
 * bench/RESULTS.md with the date, command and versions.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dropSlot } from '@inlet/collectors/cdc';
import { brokersFromEnv, pgUrlFromEnv, startKafka, startPostgres } from '@inlet/scripts';
import { migrate, OLTP_TABLES } from '@inlet/simulators/oltp';
import { createKafkaClient, createKafkaSink, ensureTopics } from '@inlet/streams';
import pg from 'pg';
import { startedDirectly } from '../shared/direct';
import { parseBenchFlags, printUsage } from '../shared/flags';
import { publishResults } from '../shared/results';
import { type BenchContext, backlogPhase, Recorder, startCollector, workloadPhase } from './phases';
import { figuresTable, type PhaseFigures, percentile } from './stats';

/** Started as `tsx bench/src/cdc/run.ts` rather than through the bench runner. */
const direct = startedDirectly(import.meta.url);

export const CDC_BENCH_USAGE = `npm run bench -- cdc [options]
  --duration <s>        seconds of the sustained-load and half-rate phases (default 20)
  --seed-duration <s>   seconds of the seed-rate phase (default 60; it makes 20-30 changes a minute)
  --backlog-rows <n>    rows of the backlog phase: n inserts + n updates + n/2 deletes (default 40000)
  --concurrency <n>     workload connections in the load phases (default 4)
  --no-append           print only; do not append to bench/RESULTS.md`;

function versionOf(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function parse(argv: readonly string[]) {
  const { values, help, append } = parseBenchFlags(argv, {
    duration: { type: 'string' },
    'seed-duration': { type: 'string' },
    'backlog-rows': { type: 'string' },
    concurrency: { type: 'string' },
  });
  const num = (v: string | undefined, fallback: number, flag: string) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n <= 0)
      throw new Error(`--${flag} must be a positive integer\n${CDC_BENCH_USAGE}`);
    return n;
  };
  return {
    help,
    durationS: num(values.duration, 20, 'duration'),
    seedS: num(values['seed-duration'], 60, 'seed-duration'),
    backlogRows: num(values['backlog-rows'], 40_000, 'backlog-rows') & ~1,
    concurrency: num(values.concurrency, 4, 'concurrency'),
    append,
  };
}

/** Runs the CDC benchmark (the bench runner calls this with the flags after `cdc`). */
export async function run(argv: readonly string[]): Promise<void> {
  const args = parse(argv);
  if (args.help) return printUsage(CDC_BENCH_USAGE);
  const log = (line: string) => process.stderr.write(`[bench cdc] ${line}\n`);
  const loadAtStart = loadavg()[0] ?? 0;
  const stops: (() => Promise<void>)[] = [];
  try {
    const pgServer = pgUrlFromEnv() === undefined ? await startPostgres() : undefined;
    if (pgServer) stops.push(() => pgServer.stop());
    const pgUrl = pgUrlFromEnv() ?? (pgServer?.url as string);
    const broker = brokersFromEnv() === undefined ? await startKafka({}) : undefined;
    if (broker) stops.push(() => broker.stop());
    const brokers = brokersFromEnv() ?? (broker?.brokers as string[]);
    log(
      `PostgreSQL ${pgServer ? 'embedded' : 'PG_URL'}, Kafka ${broker ? `${broker.version} local` : 'KAFKA_BROKERS'} at ${brokers.join(',')}`,
    );

    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    stops.unshift(() => admin.end());
    const stamp = Date.now().toString(36);
    const schema = `bench_cdc_${stamp}`;
    const topic = `bench-cdc-${stamp}`;
    await migrate(admin, schema);
    await admin.query(
      `CREATE TABLE ${schema}.backlog (id bigint PRIMARY KEY, payload text NOT NULL, version int NOT NULL DEFAULT 1)`,
    );
    const kafkaAdmin = createKafkaClient({ brokers, clientId: 'bench-cdc' }).admin();
    await kafkaAdmin.connect();
    await ensureTopics(kafkaAdmin, [
      {
        key: 'cdcChanges',
        name: topic,
        partitions: 3,
        cleanupPolicy: 'delete',
        configs: {},
        description: 'bench',
      },
    ]);
    await kafkaAdmin.disconnect();
    const sink = createKafkaSink({ brokers, clientId: 'bench-cdc' });
    stops.unshift(() => sink.close());
    const ctx: BenchContext = {
      pgUrl,
      admin,
      sink,
      topic,
      schema,
      tables: [...OLTP_TABLES, 'backlog'].map((t) => `${schema}.${t}`),
      slot: `${schema}_slot`,
      publication: `${schema}_pub`,
      log,
    };
    stops.unshift(async () => {
      await dropSlot(admin, ctx.slot).catch(() => {});
      await admin
        .query(`DROP PUBLICATION IF EXISTS ${ctx.publication}; DROP SCHEMA ${schema} CASCADE`)
        .catch(() => {});
    });

    const recorder = new Recorder();
    const phases: PhaseFigures[] = [];
    const collector = await startCollector(ctx, recorder);
    const load = await workloadPhase(ctx, recorder, 'sustained load (profile load)', {
      profile: 'load',
      concurrency: args.concurrency,
      durationMs: args.durationS * 1_000,
    });
    phases.push(load);
    phases.push(
      await workloadPhase(ctx, recorder, 'seed rate (25/min)', {
        profile: 'seed',
        durationMs: args.seedS * 1_000,
      }),
    );
    const half = Math.max(1, Math.round(load.changes / load.seconds / 2));
    phases.push(
      await workloadPhase(ctx, recorder, `half the sustained rate (${half}/s)`, {
        profile: 'load',
        perSecond: half,
        concurrency: args.concurrency,
        durationMs: args.durationS * 1_000,
      }),
    );
    await collector.stop();
    phases.push(await backlogPhase(ctx, recorder, args.backlogRows));

    const { rows } = await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const capacity = phases.at(-1) as PhaseFigures;
    const verdicts = [
      `collector capacity ${Math.round(capacity.changes / capacity.seconds).toLocaleString('en-US')} changes/s (target ≥ 10,000: ${capacity.changes / capacity.seconds >= 10_000 ? 'met' : 'NOT met'})`,
      ...phases
        .filter((p) => p.phase.startsWith('seed') || p.phase.startsWith('half'))
        .map((p) => {
          const p99 = percentile(p.latenciesMs, 99);
          return `${p.phase}: p99 ${p99 === undefined ? 'n/a' : `${Math.round(p99)} ms`} (target ≤ 500 ms: ${p99 !== undefined && p99 <= 500 ? 'met' : 'NOT met'})`;
        }),
    ];
    const section = [
      `\n## CDC (PostgreSQL → inlet-cdc → Kafka), ${new Date().toISOString()}\n`,
      `Command: \`${direct ? 'npx tsx bench/src/cdc/run.ts' : 'npm run bench -- cdc'} ${argv.join(' ')}\`. Node ${process.version}, ${cpus().length} CPUs (1-min load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end: a shared machine); PostgreSQL ${rows[0]?.v} (${pgServer ? 'embedded' : 'PG_URL'}), Kafka ${broker?.version ?? 'KAFKA_BROKERS'} (single local broker), kafkajs ${versionOf('kafkajs')}, pg ${versionOf('pg')}, pg-logical-replication ${versionOf('pg-logical-replication')}. Topic with 3 partitions, acks=-1, idempotent producer; the workload runs in a child process, the collector in the bench process; everything on this one machine.\n`,
      figuresTable(phases),
      '',
      ...verdicts.map((v) => `- ${v}`),
      '',
    ].join('\n');
    await publishResults(section, { append: args.append });
  } finally {
    for (const stop of stops) await stop().catch(() => {});
  }
}

// Run directly: `tsx bench/src/cdc/run.ts [flags]`.
if (direct) {
  await run(process.argv.slice(2));
}
