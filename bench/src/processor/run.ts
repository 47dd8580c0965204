/**
 * `npm run bench -- processor`: the stream processor in Kafka mode on a local broker (or
 * KAFKA_BROKERS). Two figures, each beside a baseline measured in the same run:
 * - throughput: events/s, and events per CPU-second (per core), to process a backlog of app events
 *   with exactly-once transactions, beside a read_committed consumer that only reads and counts;
 * - latency: from the moment the watermark passes a window's end (the first event that moves it
 *   there was produced) to its result being readable, beside the produce → read latency of a record.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { KafkaProcessor } from '@inlet/processor';
import { TOPICS, type TopicKey } from '@inlet/schemas';
import { brokersFromEnv, startKafka } from '@inlet/scripts';
import { createKafkaClient, ensureTopics } from '@inlet/streams';
import type { Kafka } from 'kafkajs';
import { startedDirectly } from '../shared/direct';
import { parseBenchFlags, positiveInt, printUsage } from '../shared/flags';
import { publishResults } from '../shared/results';

const direct = startedDirectly(import.meta.url);

export const PROCESSOR_BENCH_USAGE = `npm run bench -- processor [options]
  --events <n>        events in the throughput backlog (default 100000)
  --partitions <n>    partitions of the app-events topic (default 6)
  --rate <n>          events/s in the latency phase (default 500)
  --seconds <n>       length of the latency phase (default 15)
  --no-append         print only; do not append to bench/RESULTS.md`;

function versionOf(name: string): string {
  try {
    const path = createRequire(import.meta.url).resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuSeconds = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

function event(i: number, at: number) {
  const userId = `u${i % 997}`;
  return {
    key: userId,
    value: JSON.stringify({
      type: 'track',
      event: ['Search Performed', 'Listing Viewed', 'Booking Completed'][i % 3],
      userId,
      messageId: `m${i}`,
      timestamp: new Date(at).toISOString(),
      context: { sessionId: `s${i % 7}` },
    }),
  };
}

async function createTopics(
  kafka: Kafka,
  prefix: string,
  partitions: number,
): Promise<Record<TopicKey, string>> {
  const topics = Object.fromEntries(Object.keys(TOPICS).map((k) => [k, `${prefix}-${k}`])) as Record<
    TopicKey,
    string
  >;
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(
    admin,
    (Object.keys(TOPICS) as TopicKey[]).map((k) => ({
      ...TOPICS[k],
      name: topics[k],
      partitions: k === 'appEvents' ? partitions : TOPICS[k].partitions,
    })),
  );
  await admin.disconnect();
  return topics;
}

/** A group consumer that reads and counts until `target` records; resolves with the wall and CPU time. */
async function readAndCount(kafka: Kafka, topic: string, target: number) {
  const consumer = kafka.consumer({
    groupId: `bench-count-${Date.now()}`,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let count = 0;
  const t0 = performance.now();
  let c0 = process.cpuUsage();
  let firstAt = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (firstAt === 0) {
          // Timed from the first batch: the group join is not reading.
          firstAt = performance.now();
          c0 = process.cpuUsage();
        }
        count += batch.messages.length;
        if (count >= target) resolve();
      },
    });
  });
  const result = {
    seconds: (performance.now() - firstAt) / 1000,
    cpu: cpuSeconds(c0),
    joinSeconds: (firstAt - t0) / 1000,
  };
  await consumer.disconnect();
  return result;
}

async function waitCommitted(kafka: Kafka, group: string, topic: string, target: bigint) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (;;) {
      const [t] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      const done = (t?.partitions ?? []).reduce(
        (s, p) => s + (BigInt(p.offset) > 0n ? BigInt(p.offset) : 0n),
        0n,
      );
      if (done >= target) return;
      await sleep(50);
    }
  } finally {
    await admin.disconnect();
  }
}

export async function run(argv: readonly string[]): Promise<void> {
  const { values, help, append } = parseBenchFlags(argv, {
    events: { type: 'string' },
    partitions: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
  });
  if (help) return printUsage(PROCESSOR_BENCH_USAGE);
  const n = positiveInt(values.events, 100_000, 'events', PROCESSOR_BENCH_USAGE);
  const partitions = positiveInt(values.partitions, 6, 'partitions', PROCESSOR_BENCH_USAGE);
  const rate = positiveInt(values.rate, 500, 'rate', PROCESSOR_BENCH_USAGE);
  const seconds = positiveInt(values.seconds, 15, 'seconds', PROCESSOR_BENCH_USAGE);
  const log = (line: string) => process.stderr.write(`[bench processor] ${line}\n`);
  const load0 = loadavg()[0] ?? 0;
  const broker = brokersFromEnv() === undefined ? await startKafka({}) : undefined;
  const brokers = brokersFromEnv() ?? (broker?.brokers as string[]);
  const kafka = createKafkaClient({ brokers, clientId: 'bench-processor', logLevel: 'silent' });
  const stops: (() => Promise<void>)[] = [];
  try {
    // Throughput: a backlog processed from the start.
    const topics = await createTopics(kafka, `bench-proc-${Date.now().toString(36)}`, partitions);
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    stops.push(() => producer.disconnect());
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < n; i += 2_000) {
      const messages = Array.from({ length: Math.min(2_000, n - i) }, (_, j) =>
        event(i + j, t0 + (i + j) * 10),
      );
      await producer.send({ topic: topics.appEvents, acks: -1, messages });
    }
    log(`${n} events written to ${topics.appEvents} (${partitions} partitions)`);
    const baseline = await readAndCount(kafka, topics.appEvents, n);
    log(`read-and-count: ${Math.round(n / baseline.seconds)} events/s`);
    const group = `bench-proc-${Date.now().toString(36)}`;
    const processor = new KafkaProcessor({
      brokers,
      groupId: group,
      topics,
      windowMs: 60_000,
      outOfOrdernessMs: 1_000,
      graceMs: 10_000,
      idleMs: 0,
      streamLogger: () => {},
    });
    let readyAt = 0;
    const p0 = process.cpuUsage();
    const w0 = performance.now();
    const ready = new Promise<void>((r) => {
      void processor.start().then(() => {});
      const check = setInterval(() => {
        if (processor.stats.ready) {
          readyAt = performance.now();
          clearInterval(check);
          r();
        }
      }, 20);
    });
    stops.push(() => processor.stop());
    await ready;
    await waitCommitted(kafka, group, topics.appEvents, BigInt(n));
    const procSeconds = (performance.now() - readyAt) / 1000;
    const procCpu = cpuSeconds(p0);
    log(
      `processor: ${Math.round(n / procSeconds)} events/s (${((readyAt - w0) / 1000).toFixed(1)} s to join and restore)`,
    );

    // Latency: live events stamped with the wall clock; 1 s windows, 200 ms out-of-orderness.
    const live = await createTopics(kafka, `bench-proc-live-${Date.now().toString(36)}`, partitions);
    const liveProc = new KafkaProcessor({
      brokers,
      groupId: `${group}-live`,
      topics: live,
      windowMs: 1_000,
      outOfOrdernessMs: 200,
      graceMs: 1_000,
      idleMs: 0,
      streamLogger: () => {},
    });
    stops.push(() => liveProc.stop());
    await liveProc.start();
    while (!liveProc.stats.ready) await sleep(50);
    const firstResult = new Map<string, number>();
    const recordSeen: number[] = [];
    const watcher = kafka.consumer({
      groupId: `bench-watch-${Date.now()}`,
      readUncommitted: false,
      maxWaitTimeInMs: 20,
    });
    await watcher.connect();
    await watcher.subscribe({ topics: [live.processedEvents, live.appEvents], fromBeginning: true });
    await watcher.run({
      eachMessage: async ({ topic, message }) => {
        const now = Date.now();
        if (topic === live.appEvents) {
          recordSeen.push(now - JSON.parse(String(message.value)).sentAt);
          return;
        }
        const r = JSON.parse(String(message.value)) as { windowEnd: string; revision: number };
        if (!firstResult.has(r.windowEnd)) firstResult.set(r.windowEnd, now);
      },
    });
    stops.push(() => watcher.disconnect());
    await sleep(3_000);
    /** Wall time at which the first event at or past (windowEnd + out-of-orderness) was produced. */
    const passedAt = new Map<number, number>();
    const end = Date.now() + seconds * 1_000;
    let i = 0;
    while (Date.now() < end) {
      const now = Date.now();
      const messages = Array.from({ length: Math.max(1, Math.round(rate / 20)) }, () => {
        const e = event(i++, now);
        return { key: e.key, value: JSON.stringify({ ...JSON.parse(e.value), sentAt: now }) };
      });
      await producer.send({ topic: live.appEvents, acks: -1, messages });
      const closes = Math.floor((now - 200) / 1_000) * 1_000; // windows with end <= watermark
      if (!passedAt.has(closes)) passedAt.set(closes, now);
      await sleep(50);
    }
    await sleep(3_000);
    const latencies: number[] = [];
    for (const [windowEnd, at] of passedAt) {
      const seen = firstResult.get(new Date(windowEnd).toISOString());
      if (seen !== undefined) latencies.push(seen - at);
    }
    // The window that was closing as the phase started: its result may predate the measurement.
    latencies.shift();

    const f = (x: number) => Math.round(x).toLocaleString('en-US');
    const section = [
      `\n## Processor (Kafka mode, exactly-once transactions), ${new Date().toISOString()}\n`,
      `Command: \`${direct ? 'npx tsx bench/src/processor/run.ts' : 'npm run bench -- processor'} ${argv.join(' ')}\`. Node ${process.version}, ${cpus().length} CPUs (1-min load average ${load0.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end: a shared machine); Kafka ${broker?.version ?? 'KAFKA_BROKERS'} (single local broker), kafkajs ${versionOf('kafkajs')}. One processor instance in the bench process (all ${partitions} tasks); app events ${partitions} partitions. Per core = events per CPU-second of the bench process during the phase.\n`,
      '| phase | events | wall s | events/s | CPU s | events per CPU-s |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      `| baseline: read_committed consumer, read and count | ${f(n)} | ${baseline.seconds.toFixed(2)} | ${f(n / baseline.seconds)} | ${baseline.cpu.toFixed(2)} | ${f(n / baseline.cpu)} |`,
      `| processor: windows + user state + transactions | ${f(n)} | ${procSeconds.toFixed(2)} | ${f(n / procSeconds)} | ${procCpu.toFixed(2)} | ${f(n / procCpu)} |`,
      '',
      `Latency at ${rate} events/s for ${seconds} s (1 s windows, 200 ms out-of-orderness): watermark passes a window's end → its result readable (read_committed), over ${latencies.length} windows: p50 ${f(pct(latencies, 50))} ms, p99 ${f(pct(latencies, 99))} ms. Baseline, produce → readable of the input record itself: p50 ${f(pct(recordSeen, 50))} ms, p99 ${f(pct(recordSeen, 99))} ms.`,
      '',
    ].join('\n');
    await publishResults(section, { append });
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await broker?.stop();
  }
}

if (direct) {
  await run(process.argv.slice(2));
}
