/**
 * What `npm start` runs: each part is one of Inlet's own bins in a child process. Without Kafka,
 * each producer writes its own local durable log (one writer per log directory).
 */
export interface PartContext {
  /** `host:port,…` when KAFKA_BROKERS is set, else undefined (local logs under `dataDir`). */
  readonly brokers: string | undefined;
  readonly dataDir: string;
  readonly writeKey: string;
  readonly gatewayPort: number;
  /** Where the external API stand-ins listen and the external collector calls them. */
  readonly standInPort: number;
  /** PostgreSQL for the OLTP workload and CDC: `PG_URL`, or the embedded one `npm start` runs. */
  readonly pgUrl: string;
}

export interface Part {
  readonly name: string;
  readonly what: string;
  /** Repository-relative launcher, or undefined while the part is not built yet. */
  readonly bin: string | undefined;
  args(ctx: PartContext): string[];
  /** Extra environment for the child. */
  readonly env?: Readonly<Record<string, string>>;
  /** Start only once another part printed a matching line (e.g. CDC after the tables exist). */
  readonly startAfter?: { readonly part: string; readonly line: RegExp };
}

const OLTP_TABLES = ['users', 'properties', 'flights', 'bookings', 'payments'].map((t) => `public.${t}`);

/** The stand-ins accept this key; `collectors/examples/seed.json` reads it from these variables. */
const STAND_IN_KEYS = {
  INLET_WEATHER_API_KEY: 'inlet-dev-key',
  INLET_MAPS_API_KEY: 'inlet-dev-key',
  INLET_MARKET_API_KEY: 'inlet-dev-key',
};

const sinkArgs = (ctx: PartContext, part: string): string[] =>
  ctx.brokers ? ['--brokers', ctx.brokers] : ['--data-dir', `${ctx.dataDir}/${part}`];

export const PARTS: readonly Part[] = [
  {
    name: 'gateway',
    what: `ingestion gateway`,
    bin: 'gateway/bin/inlet-gateway.mjs',
    args: (ctx) => [
      '--port',
      String(ctx.gatewayPort),
      '--write-key',
      ctx.writeKey,
      ...(ctx.brokers ? ['--sink', 'kafka'] : ['--sink', 'local']),
      ...sinkArgs(ctx, 'gateway'),
    ],
  },
  {
    name: 'oltp',
    what: 'travel-booking OLTP workload (seed profile) on PostgreSQL',
    bin: 'simulators/bin/inlet-sim.mjs',
    args: (ctx) => ['oltp', '--profile', 'seed', '--pg-url', ctx.pgUrl],
  },
  {
    name: 'cdc',
    what: 'change data capture of the OLTP tables',
    bin: 'collectors/bin/inlet-cdc.mjs',
    args: (ctx) => ['--pg-url', ctx.pgUrl, '--tables', OLTP_TABLES.join(','), ...sinkArgs(ctx, 'cdc')],
    // The workload prints its first progress line once its migrations have created the tables.
    startAfter: { part: 'oltp', line: /^oltp: / },
  },
  {
    name: 'external-api',
    what: 'weather, maps and market API stand-ins (--stand-in-port, default 4600)',
    bin: 'simulators/bin/inlet-sim.mjs',
    args: (ctx) => ['external-api', '--port', String(ctx.standInPort)],
  },
  {
    name: 'external',
    what: 'external data collector (collectors/examples/seed.json)',
    bin: 'collectors/bin/inlet-external.mjs',
    args: (ctx) => [
      'start',
      '--config',
      'collectors/examples/seed.json',
      '--base-url',
      `http://127.0.0.1:${ctx.standInPort}`,
      ...sinkArgs(ctx, 'external'),
    ],
    env: STAND_IN_KEYS,
    // Started at once, its first runs found nothing listening yet and logged a retry per source.
    startAfter: { part: 'external-api', line: /^external API stand-ins listening/ },
  },
  {
    name: 'simulators',
    what: 'virtual users (seed profile) posting to the gateway',
    bin: 'simulators/bin/inlet-sim.mjs',
    // Their first sends would otherwise meet a closed port and wait out a backoff.
    startAfter: { part: 'gateway', line: /"msg":"inlet-gateway listening"/ },
    args: (ctx) => [
      'run',
      '--profile',
      'seed',
      '--duration',
      '24h',
      '--endpoint',
      `http://127.0.0.1:${ctx.gatewayPort}`,
      '--write-key',
      ctx.writeKey,
      '--ledger',
      `${ctx.dataDir}/simulators/ledger.jsonl`,
      '--quiet',
    ],
  },
  { name: 'demo-site', what: 'demo site with the live pipeline view', bin: undefined, args: () => [] },
];
