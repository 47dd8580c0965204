/**
 * `npm run bench -- <name> [flags]`: runs one benchmark. Each one prints its table and appends it to
 * bench/RESULTS.md.
 */
import { errorMessage } from '@inlet/schemas';

const BENCHES: Readonly<
  Record<string, { describe: string; run: (argv: readonly string[]) => Promise<void> }>
> = {
  cdc: {
    describe: 'PostgreSQL → inlet-cdc → Kafka: changes/s, commit→Kafka p50/p99',
    run: async (argv) => (await import('./cdc/run')).run(argv),
  },
  external: {
    describe: 'external collector: records/s per provider with pagination, and idle CPU',
    run: async (argv) => (await import('./external/run')).run(argv),
  },
  gateway: {
    describe: 'gateway throughput and latency against a bare node:http baseline (autocannon)',
    run: async (argv) => (await import('./gateway/run-gateway-bench')).runGatewayBench(argv),
  },
  schemas: {
    describe: 'µs per event of parseEvent and enrichEvent beside JSON.parse',
    run: async (argv) => (await import('./schemas/run')).run(argv),
  },
  processor: {
    describe:
      'stream processor (Kafka, exactly once): events/s per core and watermark→result latency beside read-and-count',
    run: async (argv) => (await import('./processor/run')).run(argv),
  },
  queue: {
    describe: 'µs per event of the in-memory queue (sdk-core memoryStore) held full at 1k/10k/100k events',
    run: async (argv) => (await import('./queue/run')).run(argv),
  },
  vu: {
    describe: 'max concurrent virtual users at their target rate, memory per user, events/s via the gateway',
    run: async (argv) => (await import('./vu/run')).run(argv),
  },
  start: {
    describe:
      'npm start (own Kafka, cold): seconds from spawn to the first record on each of the nine topics, and to stop',
    run: async (argv) => (await import('./start/run')).run(argv),
  },
  sdk: {
    describe: 'browser SDK main-thread cost in headless Chromium beside the anchors (sync, busy, long tasks)',
    run: async (argv) => (await import('./sdk/run')).run(argv),
  },
  size: {
    describe: 'gzip size of the browser SDK beside the anchors (same as npm run size)',
    run: async (argv) => (await import('./size/run')).run(argv),
  },
};

const [name, ...argv] = process.argv.slice(2);
const bench = name === undefined ? undefined : BENCHES[name];
if (bench === undefined) {
  const list = Object.entries(BENCHES).map(([n, b]) => `  ${n.padEnd(10)} ${b.describe}`);
  process.stderr.write(
    `${name === undefined ? 'Name a benchmark' : `Unknown benchmark "${name}"`}: npm run bench -- <name> [flags]\n${list.join('\n')}\n`,
  );
  process.exitCode = 2;
} else {
  try {
    await bench.run(argv);
  } catch (error) {
    process.stderr.write(`bench ${name}: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}
