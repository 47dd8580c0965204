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
}

export interface Part {
  readonly name: string;
  readonly what: string;
  /** Repository-relative launcher, or undefined while the part is not built yet. */
  readonly bin: string | undefined;
  args(ctx: PartContext): string[];
}

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
  { name: 'cdc', what: 'PostgreSQL change data capture', bin: undefined, args: () => [] },
  { name: 'external', what: 'external data collector', bin: undefined, args: () => [] },
  { name: 'simulators', what: 'virtual users posting to the gateway', bin: undefined, args: () => [] },
  { name: 'demo-site', what: 'demo site with the live pipeline view', bin: undefined, args: () => [] },
];
