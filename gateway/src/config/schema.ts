/**
 * The gateway's resolved configuration: what `loadConfig` (flags, env, `--config` file) produces and
 * what `createApp` and the server consume. Every field has a default, so `{}` is a valid input.
 */

import { TOPIC_KEYS } from '@inlet/schemas';
import { isBrokerAddress } from '@inlet/streams';
import * as z from 'zod';

export const IP_POLICIES = ['keep', 'truncate', 'drop'] as const;
export type IpPolicy = (typeof IP_POLICIES)[number];

export const WriteKeyConfigSchema = z.object({
  /** The secret clients send (Basic user name, `X-Write-Key`, body or query `writeKey`). */
  key: z.string().min(8, 'write keys must be at least 8 characters'),
  /** Source name stamped on every event as `source` and the `source` header. */
  source: z.string().min(1).max(128),
  /** Origins allowed by CORS; `['*']` allows any. Default: none (server-side clients only). */
  allowedOrigins: z.array(z.string()).default([]),
  /** What to store of the client ip: whole, last octet (IPv4) / last 80 bits (IPv6) zeroed, or nothing. */
  ipPolicy: z.enum(IP_POLICIES).default('truncate'),
  /** Token bucket per key: sustained requests per second and burst size. */
  rateLimit: z
    .object({ perSecond: z.number().positive(), burst: z.number().int().positive() })
    .default({ perSecond: 1_000, burst: 2_000 }),
});
export type WriteKeyConfig = z.output<typeof WriteKeyConfigSchema>;

const topicOverrides = z.partialRecord(z.enum(TOPIC_KEYS), z.string().min(1).max(249)).default({});

export const GatewayConfigSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(8787),
  /** `kafka` needs `brokers`; `local` writes the local durable log under `dataDir`. Default: kafka when brokers are set. */
  sink: z.enum(['kafka', 'local']).optional(),
  brokers: z.array(z.string().refine(isBrokerAddress, 'expected host:port')).default([]),
  dataDir: z.string().default('./data'),
  writeKeys: z.array(WriteKeyConfigSchema).default([]),
  /** Proxies whose `X-Forwarded-For` is believed (exact ips). */
  trustedProxies: z.array(z.string()).default([]),
  /** Bearer token for admin endpoints (`/v1/live`, and `/metrics` when `protectMetrics`). Unset: admin endpoints answer 404. */
  adminToken: z.string().min(16).optional(),
  protectMetrics: z.boolean().default(false),
  topics: topicOverrides,
  /** Remember messageIds per write key this long to drop retried duplicates. */
  dedupWindowMs: z.number().int().nonnegative().default(600_000),
  /**
   * Remember messageIds that came in an unload request (`text/plain`: a beacon or keepalive sent as
   * a page hid or closed) this long: such a page often dies before it reads the answer, and its SDK
   * sends the events again on the next visit. 24 h, as long as the browser SDK resends them.
   */
  dedupUnloadWindowMs: z.number().int().nonnegative().default(86_400_000),
  /**
   * Most ids remembered (oldest forgotten first); heap grows with it (the cost per id: gateway
   * README, "Performance").
   */
  dedupMaxEntries: z.number().int().positive().default(100_000),
  /** Gather events of concurrent requests this long into one produce call. */
  coalesceMs: z.number().nonnegative().default(2),
  /** Kafka slower than this → the events go to the spool instead. */
  produceTimeoutMs: z.number().int().positive().default(5_000),
  /** Disk the spool may use before the gateway answers 503. */
  spoolQuotaBytes: z
    .number()
    .int()
    .positive()
    .default(1024 ** 3),
  /** Request body limit, before and after decompression. */
  maxBodyBytes: z.number().int().positive().default(512_000),
  workers: z.number().int().min(1).max(64).default(1),
  shutdownTimeoutMs: z.number().int().positive().default(10_000),
  /** Share of accepted events sent to the live tap (1 = all). */
  liveSampleRate: z.number().min(0).max(1).default(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The per-request log line: `all` requests (pino-http's default), or only `errors` (status ≥ 400). */
  accessLog: z.enum(['all', 'errors']).default('all'),
});
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;
