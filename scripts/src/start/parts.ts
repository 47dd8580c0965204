/**
 * What `npm start` runs: each part is one of Inlet's own bins in a child process, started once the
 * parts it needs are ready, and stopped in tiers (writers first, infrastructure last). Without
 * Kafka, each producer writes its own local durable log under `<data-dir>/<part>` (one writer per log).
 */
import path from 'node:path';
import { GATEWAY_CONFIG_FILE } from './gateway-config';

export interface PartContext {
  /** `host:port,…` of Kafka, or undefined on local logs under `dataDir`. */
  readonly brokers: string | undefined;
  readonly dataDir: string;
  readonly writeKey: string;
  readonly gatewayPort: number;
  readonly demoPort: number;
  /** Where the external API stand-ins listen and the external collector calls them. */
  readonly standInPort: number;
  readonly healthPorts: { readonly cdc: number; readonly external: number; readonly processor: number };
  /** PostgreSQL for the OLTP workload and CDC: `PG_URL`, or the embedded one `npm start` runs. */
  readonly pgUrl: string;
}

/** How `npm start` knows a part is ready: its health endpoint answers 200, or it prints `{"ready":true,…}`. */
export type Readiness =
  | { readonly kind: 'http'; readonly url: (ctx: PartContext) => string }
  | { readonly kind: 'marker' }
  | { readonly kind: 'started' };

/** Stop order: users and storefront (flush, close the ledger), gateway (in-flight), then the rest. */
export const STOP_TIERS = ['writers', 'gateway', 'readers'] as const;
export type StopTier = (typeof STOP_TIERS)[number];

export interface Part {
  readonly name: string;
  readonly what: string;
  /** Repository-relative launcher. */
  readonly bin: string;
  args(ctx: PartContext): string[];
  /** Extra environment for the child. */
  readonly env?: Readonly<Record<string, string>>;
  /** Parts that must be ready before this one starts. */
  readonly after?: readonly string[];
  readonly ready: Readiness;
  readonly stopTier: StopTier;
}

const OLTP_TABLES = ['users', 'properties', 'flights', 'bookings', 'payments'].map((t) => `public.${t}`);

/** The stand-ins accept this key; `collectors/examples/seed.json` reads it from these variables. */
const STAND_IN_KEYS = {
  INLET_WEATHER_API_KEY: 'inlet-dev-key',
  INLET_MAPS_API_KEY: 'inlet-dev-key',
  INLET_MARKET_API_KEY: 'inlet-dev-key',
};

/** Share of the virtual users' events made invalid on purpose, so the dead-letter topic is not empty. */
export const INVALID_SHARE = 0.05;

const sinkArgs = (ctx: PartContext, part: string): string[] =>
  ctx.brokers ? ['--brokers', ctx.brokers] : ['--data-dir', path.join(ctx.dataDir, part)];

const http = (url: (ctx: PartContext) => string): Readiness => ({ kind: 'http', url });

export const PARTS: readonly Part[] = [
  {
    name: 'gateway',
    what: 'ingestion gateway',
    bin: 'gateway/bin/inlet-gateway.mjs',
    args: (ctx) => [
      '--port',
      String(ctx.gatewayPort),
      // The write key, with the storefront's origins allowed (written by writeGatewayConfig).
      '--config',
      path.join(ctx.dataDir, GATEWAY_CONFIG_FILE),
      '--sink',
      ctx.brokers ? 'kafka' : 'local',
      ...sinkArgs(ctx, 'gateway'),
    ],
    ready: http((ctx) => `http://127.0.0.1:${ctx.gatewayPort}/readyz`),
    stopTier: 'gateway',
  },
  {
    name: 'oltp',
    what: 'travel-booking OLTP workload (seed profile) on PostgreSQL',
    bin: 'simulators/bin/inlet-sim.mjs',
    args: (ctx) => ['oltp', '--profile', 'seed', '--pg-url', ctx.pgUrl],
    ready: { kind: 'marker' },
    stopTier: 'writers',
  },
  {
    name: 'cdc',
    what: 'change data capture of the OLTP tables',
    bin: 'collectors/bin/inlet-cdc.mjs',
    args: (ctx) => [
      '--pg-url',
      ctx.pgUrl,
      '--tables',
      OLTP_TABLES.join(','),
      '--health',
      String(ctx.healthPorts.cdc),
      ...sinkArgs(ctx, 'cdc'),
    ],
    after: ['oltp'],
    ready: http((ctx) => `http://127.0.0.1:${ctx.healthPorts.cdc}/health`),
    stopTier: 'readers',
  },
  {
    name: 'external-api',
    what: 'weather, maps and market API stand-ins',
    bin: 'simulators/bin/inlet-sim.mjs',
    args: (ctx) => ['external-api', '--port', String(ctx.standInPort)],
    ready: http((ctx) => `http://127.0.0.1:${ctx.standInPort}/health`),
    stopTier: 'readers',
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
      '--health',
      String(ctx.healthPorts.external),
      ...sinkArgs(ctx, 'external'),
    ],
    env: STAND_IN_KEYS,
    after: ['external-api'],
    ready: http((ctx) => `http://127.0.0.1:${ctx.healthPorts.external}/healthz`),
    stopTier: 'readers',
  },
  {
    name: 'processor',
    what: 'stream processor (10 s windows)',
    bin: 'processor/bin/inlet-processor.mjs',
    args: (ctx) => [
      ...(ctx.brokers
        ? ['--brokers', ctx.brokers]
        : [
            '--data-dir',
            path.join(ctx.dataDir, 'processor'),
            '--input-dir',
            path.join(ctx.dataDir, 'gateway'),
            '--input-dir',
            path.join(ctx.dataDir, 'cdc'),
          ]),
      '--window',
      '10s',
      '--out-of-orderness',
      '2s',
      '--grace',
      '1m',
      '--health',
      String(ctx.healthPorts.processor),
    ],
    ready: http((ctx) => `http://127.0.0.1:${ctx.healthPorts.processor}/readyz`),
    stopTier: 'readers',
  },
  {
    name: 'simulators',
    what: 'virtual users (seed profile) posting to the gateway',
    bin: 'simulators/bin/inlet-sim.mjs',
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
      path.join(ctx.dataDir, 'simulators', 'ledger.jsonl'),
      '--invalid-share',
      String(INVALID_SHARE),
      '--drain',
      '15s',
      '--quiet',
    ],
    after: ['gateway'],
    ready: { kind: 'started' },
    stopTier: 'writers',
  },
  {
    name: 'demo-site',
    what: 'storefront and pipeline console',
    bin: 'demo-site/bin/inlet-demo.mjs',
    args: (ctx) => [
      '--port',
      String(ctx.demoPort),
      '--gateway-url',
      `http://127.0.0.1:${ctx.gatewayPort}`,
      '--write-key',
      ctx.writeKey,
      ...(ctx.brokers ? ['--brokers', ctx.brokers] : ['--data-dir', ctx.dataDir]),
      '--cdc-health-url',
      `http://127.0.0.1:${ctx.healthPorts.cdc}`,
      '--external-health-url',
      `http://127.0.0.1:${ctx.healthPorts.external}`,
      '--processor-health-url',
      `http://127.0.0.1:${ctx.healthPorts.processor}`,
    ],
    after: ['gateway'],
    ready: http((ctx) => `http://127.0.0.1:${ctx.demoPort}/readyz`),
    stopTier: 'writers',
  },
];
