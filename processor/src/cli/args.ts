/**
 * `inlet-processor` flags and their environment fallbacks, parsed and checked once with zod. Every
 * problem is a `ProcessorConfigError` naming the flag (or env var) and what to pass instead.
 */

import { parseDuration, TOPIC_KEYS, type TopicKey } from '@inlet/schemas';
import { parseFlags } from '@inlet/schemas/cli';
import { parseBrokerList } from '@inlet/streams';
import * as z from 'zod';

export const USAGE = `Usage: inlet-processor [--brokers <host:port,...>] [options]

Event-time windowed aggregates and compacted state from Inlet's input topics.
Kafka mode when brokers are given (flag or $KAFKA_BROKERS), embedded mode (local logs) otherwise.

Options:
  --brokers <list>          Kafka bootstrap brokers (env KAFKA_BROKERS)
  --group <id>              consumer group, prefix of transactional ids (default inlet-processor)
  --data-dir <dir>          embedded: where the processor's own local log goes (default ./data/processor)
  --input-dir <dir>         embedded: a part's local-log data dir to read inputs from (repeatable;
                            default ./data/gateway and ./data/cdc)
  --window <dur>            window size (default 5m)
  --hop <dur>               hop of hopping windows (default: the window size, tumbling)
  --out-of-orderness <dur>  how far the watermark trails the largest event time (default 30s)
  --grace <dur>             allowed lateness after a window's end (default 1m)
  --idle <dur>              after this long without input, event time follows the wall clock so
                            windows still close (default 10s; 0 turns it off)
  --transaction-timeout <dur>  Kafka transaction timeout (default 60s)
  --topic <key>=<name>      rename a topic (repeatable), key one of ${TOPIC_KEYS.join(', ')}
  --health <port>           serve /healthz, /readyz, /metrics on 127.0.0.1:<port>
  --log-level <level>       fatal | error | warn | info (default) | debug | silent
  -h, --help                this text

Durations: 500ms, 10s, 5m, 1h. Exit codes: 0 clean stop, 1 runtime failure, 2 bad usage/config.`;

export class ProcessorConfigError extends Error {
  override readonly name = 'ProcessorConfigError';
}
export const isProcessorConfigError = (e: unknown): e is ProcessorConfigError =>
  e instanceof ProcessorConfigError;

export const CLI_LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

const duration = (allowZero: boolean) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text, { allowZero });
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration; pass e.g. 10s, 5m or 500ms` });
      return z.NEVER;
    }
    return ms;
  });

const brokerList = z.string().transform((text, ctx) => {
  const parsed = parseBrokerList(text);
  if (parsed.ok) return parsed.brokers;
  ctx.addIssue({
    code: 'custom',
    message:
      parsed.entry === undefined ? 'needs at least one host:port' : 'must be host:port, e.g. 127.0.0.1:9092',
  });
  return z.NEVER;
});

const ConfigSchema = z
  .object({
    brokers: brokerList.optional(),
    group: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be letters, digits, ".", "_" or "-"')
      .default('inlet-processor'),
    dataDir: z.string().min(1).default('./data/processor'),
    inputDirs: z.array(z.string().min(1)).default(['./data/gateway', './data/cdc']),
    windowMs: duration(false).default(300_000),
    hopMs: duration(false).optional(),
    outOfOrdernessMs: duration(true).default(30_000),
    graceMs: duration(true).default(60_000),
    idleMs: duration(true).default(10_000),
    transactionTimeoutMs: duration(false).default(60_000),
    topics: z
      .array(
        z
          .string()
          .regex(/^[A-Za-z]+=[A-Za-z0-9._-]+$/, 'must be <key>=<topic name>, e.g. appEvents=my_events'),
      )
      .transform((pairs, ctx) => {
        const out: Partial<Record<TopicKey, string>> = {};
        for (const pair of pairs) {
          const [key = '', name = ''] = pair.split('=');
          if (!(TOPIC_KEYS as readonly string[]).includes(key)) {
            ctx.addIssue({
              code: 'custom',
              message: `"${key}" is not a topic key; use one of ${TOPIC_KEYS.join(', ')}`,
            });
            return z.NEVER;
          }
          out[key as TopicKey] = name;
        }
        return out;
      })
      .default({}),
    healthPort: z.coerce.number().int().min(0).max(65_535).optional(),
    logLevel: z.enum(CLI_LOG_LEVELS).default('info'),
  })
  .refine((c) => c.hopMs === undefined || c.hopMs <= c.windowMs, {
    path: ['hopMs'],
    message: 'must not exceed --window',
  });

export type ProcessorConfig = z.output<typeof ConfigSchema>;

const FLAG_OF: Record<string, string> = {
  brokers: '--brokers (or KAFKA_BROKERS)',
  group: '--group',
  dataDir: '--data-dir',
  inputDirs: '--input-dir',
  windowMs: '--window',
  hopMs: '--hop',
  outOfOrdernessMs: '--out-of-orderness',
  graceMs: '--grace',
  idleMs: '--idle',
  transactionTimeoutMs: '--transaction-timeout',
  topics: '--topic',
  healthPort: '--health',
  logLevel: '--log-level',
};

export type ParsedArgs = { readonly help: true } | { readonly help: false; readonly config: ProcessorConfig };

/** Flags win over the environment; `env` is only read for KAFKA_BROKERS. */
export function parseProcessorArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedArgs {
  const { values } = parseFlags(
    argv,
    {
      options: {
        brokers: { type: 'string' },
        group: { type: 'string' },
        'data-dir': { type: 'string' },
        'input-dir': { type: 'string', multiple: true },
        window: { type: 'string' },
        hop: { type: 'string' },
        'out-of-orderness': { type: 'string' },
        grace: { type: 'string' },
        idle: { type: 'string' },
        'transaction-timeout': { type: 'string' },
        topic: { type: 'string', multiple: true },
        health: { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    (message) => new ProcessorConfigError(`${message}; see inlet-processor --help`),
  );
  if (values.help === true) return { help: true };
  const brokers = values.brokers ?? (env.KAFKA_BROKERS?.trim() || undefined);
  const input = Object.fromEntries(
    Object.entries({
      brokers,
      group: values.group,
      dataDir: values['data-dir'],
      inputDirs: values['input-dir'],
      windowMs: values.window,
      hopMs: values.hop,
      outOfOrdernessMs: values['out-of-orderness'],
      graceMs: values.grace,
      idleMs: values.idle,
      transactionTimeoutMs: values['transaction-timeout'],
      topics: values.topic,
      healthPort: values.health,
      logLevel: values['log-level'],
    }).filter(([, v]) => v !== undefined),
  );
  const result = ConfigSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const got = field in input ? ` (got ${JSON.stringify(input[field])})` : '';
    throw new ProcessorConfigError(`${FLAG_OF[field] ?? field}: ${issue?.message ?? 'invalid'}${got}`);
  }
  return { help: false, config: result.data };
}
