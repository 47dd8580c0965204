/** `inlet-demo` flags, validated once with zod; every problem names its flag and how to fix it. */

import { parseFlags, UsageError } from '@inlet/schemas/cli';
import { chooseTopicStore, type TopicStore, type TopicStoreChoice } from '@inlet/streams';
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

const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8787' })
  .transform((u) => u.replace(/\/+$/, ''));

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
  'data-dir': z.string().min(1, 'must not be empty').optional(),
  'cdc-health-url': httpUrl.optional(),
  'external-health-url': httpUrl.optional(),
  'processor-health-url': httpUrl.optional(),
  'log-level': z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

/** Kafka, or the local logs under `<dataDir>/{gateway,cdc,external,processor}`. */
export type TopicSourceConfig = TopicStore;

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

function sourceProblem(choice: Exclude<TopicStoreChoice, { ok: true }>): string {
  if (choice.problem === 'both')
    return '--brokers and --data-dir: give one (Kafka, or the local logs), not both';
  const where = choice.source === 'env' ? '$KAFKA_BROKERS' : '--brokers';
  return choice.entry === undefined
    ? `${where} ${choice.reason}`
    : `${where} each broker must be host:port, e.g. 127.0.0.1:9092`;
}

export function parseDemoArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedArgs {
  const { values } = parseFlags(argv, {
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
  });
  if (values.help === true) return { help: true };
  const source = chooseTopicStore({
    brokers: values.brokers,
    dataDir: values['data-dir'],
    envBrokers: env.KAFKA_BROKERS,
  });
  if (!source.ok) throw new UsageError(sourceProblem(source));
  const parsed = FlagsSchema.safeParse({ ...values, help: undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${String(issue?.path[0] ?? '')} ${issue?.message ?? 'is invalid'}`);
  }
  const v = parsed.data;
  return {
    help: false,
    config: {
      port: v.port,
      host: v.host,
      gatewayUrl: v['gateway-url'],
      writeKey: v['write-key'],
      source: source.store,
      ...(v['cdc-health-url'] ? { cdcHealthUrl: v['cdc-health-url'] } : {}),
      ...(v['external-health-url'] ? { externalHealthUrl: v['external-health-url'] } : {}),
      ...(v['processor-health-url'] ? { processorHealthUrl: v['processor-health-url'] } : {}),
      logLevel: v['log-level'],
    },
  };
}
