/** `inlet-demo` flags, validated once with zod; every problem names its flag and how to fix it. */

import { parseArgs } from 'node:util';
import { errorMessage } from '@inlet/schemas';
import { isBrokerAddress } from '@inlet/streams';
import * as z from 'zod';

export const USAGE = `Usage: inlet-demo [options]

Serves the storefront and the live pipeline console (/pipeline).

Options:
  --port <n>                   port to listen on (default 3000; 0 = any free port)
  --host <addr>                address to listen on (default 127.0.0.1)
  --gateway-url <url>          the gateway the storefront's SDK sends to (default http://127.0.0.1:8787)
  --write-key <key>            the write key the storefront uses (required)
  --brokers <host:port,…>      read the topics from Kafka (default: $KAFKA_BROKERS)
  --data-dir <root>            without brokers, read the local logs under <root>/{gateway,cdc,external,processor}
                               (default ./data)
  --cdc-health-url <url>       the CDC collector's health server (its --health port)
  --external-health-url <url>  the external collector's health server (its --health port)
  --processor-health-url <url> the stream processor's health server
  --log-level <level>          silent, error, warn, info, debug (default info)
  -h, --help                   show this help

Exit codes: 0 stopped cleanly, 1 could not start, 2 bad usage.
`;

/** Thrown for bad flags: the CLI prints it with the usage hint and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
export const isUsageError = (error: unknown): error is UsageError => error instanceof UsageError;

const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8787' })
  .transform((u) => u.replace(/\/+$/, ''));
const broker = z.string().refine(isBrokerAddress, 'each broker must be host:port, e.g. 127.0.0.1:9092');

const FlagsSchema = z.object({
  port: z.coerce
    .number({ error: 'must be a whole number from 0 to 65535' })
    .int('must be a whole number from 0 to 65535')
    .min(0, 'must be a whole number from 0 to 65535')
    .max(65_535, 'must be a whole number from 0 to 65535')
    .default(3000),
  host: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  'gateway-url': httpUrl.default('http://127.0.0.1:8787'),
  'write-key': z
    .string({ error: 'is required: the write key the storefront sends with (the gateway prints it)' })
    .min(1, 'must not be empty'),
  brokers: z.array(broker).min(1).optional(),
  'data-dir': z.string().min(1, 'must not be empty').optional(),
  'cdc-health-url': httpUrl.optional(),
  'external-health-url': httpUrl.optional(),
  'processor-health-url': httpUrl.optional(),
  'log-level': z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

export type TopicSourceConfig =
  | { readonly kind: 'kafka'; readonly brokers: readonly string[] }
  | { readonly kind: 'local'; readonly dataDir: string };

export interface DemoConfig {
  readonly port: number;
  readonly host: string;
  readonly gatewayUrl: string;
  readonly writeKey: string;
  readonly source: TopicSourceConfig;
  readonly cdcHealthUrl?: string;
  readonly externalHealthUrl?: string;
  readonly processorHealthUrl?: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
}

export type ParsedArgs = { readonly help: true } | { readonly help: false; readonly config: DemoConfig };

const splitList = (text: string | undefined) =>
  text
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function parseDemoArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'gateway-url': { type: 'string' },
        'write-key': { type: 'string' },
        brokers: { type: 'string' },
        'data-dir': { type: 'string' },
        'cdc-health-url': { type: 'string' },
        'external-health-url': { type: 'string' },
        'processor-health-url': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  if (values.help === true) return { help: true };
  if (values.brokers !== undefined && values['data-dir'] !== undefined) {
    throw new UsageError('--brokers and --data-dir: give one (Kafka, or the local logs), not both');
  }
  const fromFlag = values.brokers !== undefined;
  const brokers = splitList(
    (values.brokers as string | undefined) ??
      (values['data-dir'] === undefined ? env.KAFKA_BROKERS : undefined),
  );
  const parsed = FlagsSchema.safeParse({ ...values, help: undefined, brokers });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = String(issue?.path[0] ?? '');
    const where = flag === 'brokers' && !fromFlag ? '$KAFKA_BROKERS' : `--${flag}`;
    throw new UsageError(`${where} ${issue?.message ?? 'is invalid'}`);
  }
  const v = parsed.data;
  return {
    help: false,
    config: {
      port: v.port,
      host: v.host,
      gatewayUrl: v['gateway-url'],
      writeKey: v['write-key'],
      source:
        v.brokers !== undefined && v.brokers.length > 0
          ? { kind: 'kafka', brokers: v.brokers }
          : { kind: 'local', dataDir: v['data-dir'] ?? './data' },
      ...(v['cdc-health-url'] ? { cdcHealthUrl: v['cdc-health-url'] } : {}),
      ...(v['external-health-url'] ? { externalHealthUrl: v['external-health-url'] } : {}),
      ...(v['processor-health-url'] ? { processorHealthUrl: v['processor-health-url'] } : {}),
      logLevel: v['log-level'],
    },
  };
}
