/**
 * Command-line flags and environment variables of `inlet-gateway`: one table says, per option, its
 * flag, its env var, the config field it sets and how its text is read. Values are only converted
 * here (text → number, list); ranges and shapes are checked once, by the zod schema, in `load.ts`.
 */

import { tryParseFlags } from '@inlet/schemas/cli';
import { expectedNumber } from './bounds';
import type { GatewayConfigInput } from './schema';

export type ConfigField = keyof GatewayConfigInput;

type Kind = 'string' | 'int' | 'number' | 'boolean' | 'list' | 'write-keys';

interface OptionSpec {
  readonly flag: string;
  readonly field: ConfigField;
  readonly env: string;
  readonly kind: Kind;
  readonly help: string;
}

const option = (flag: string, field: ConfigField, kind: Kind, help: string): OptionSpec => ({
  flag,
  field,
  kind,
  help,
  env: `INLET_GATEWAY_${flag.toUpperCase().replaceAll('-', '_')}`,
});

export const OPTIONS: readonly OptionSpec[] = [
  option('host', 'host', 'string', 'interface to listen on (default 127.0.0.1)'),
  option('port', 'port', 'int', 'port to listen on, 0 for any free one (default 8787)'),
  option('sink', 'sink', 'string', 'kafka | local (default: kafka when brokers are set, else local)'),
  option('brokers', 'brokers', 'list', 'Kafka bootstrap brokers, host:port[,host:port…]'),
  option('data-dir', 'dataDir', 'string', 'local log and spool directory (default ./data)'),
  option(
    'write-key',
    'writeKeys',
    'write-keys',
    'accept this write key, source "default" (repeatable; env: comma-separated)',
  ),
  option(
    'trusted-proxy',
    'trustedProxies',
    'list',
    'proxy ip whose X-Forwarded-For is believed (repeatable)',
  ),
  option('admin-token', 'adminToken', 'string', 'bearer token of the admin endpoints (/v1/live)'),
  option('protect-metrics', 'protectMetrics', 'boolean', 'require the admin token on /metrics too'),
  option('workers', 'workers', 'int', 'worker processes sharing the port (default 1)'),
  option(
    'coalesce-ms',
    'coalesceMs',
    'number',
    'gather concurrent requests this long into one Kafka produce (default 2)',
  ),
  option('produce-timeout-ms', 'produceTimeoutMs', 'int', 'Kafka slower than this → spool (default 5000)'),
  option(
    'spool-quota-bytes',
    'spoolQuotaBytes',
    'int',
    'spool disk quota; beyond it requests get 503 (default 1 GiB)',
  ),
  option('max-body-bytes', 'maxBodyBytes', 'int', 'request body limit, also after gunzip (default 512000)'),
  option(
    'dedup-window-ms',
    'dedupWindowMs',
    'int',
    'remember messageIds this long to drop retries (default 600000)',
  ),
  option(
    'dedup-unload-window-ms',
    'dedupUnloadWindowMs',
    'int',
    'remember messageIds of unload (text/plain) requests this long (default 86400000)',
  ),
  option('shutdown-timeout-ms', 'shutdownTimeoutMs', 'int', 'longest graceful shutdown (default 10000)'),
  option(
    'live-sample-rate',
    'liveSampleRate',
    'number',
    'share of events sent to the live tap, 0..1 (default 1)',
  ),
  option('log-level', 'logLevel', 'string', 'fatal|error|warn|info|debug|trace|silent (default info)'),
  option(
    'access-log',
    'accessLog',
    'string',
    'all | errors: log every request, or only 4xx/5xx (default all)',
  ),
];

/** Where a field's value came from, for error messages: `--port`, `INLET_GATEWAY_PORT`, `config.json`. */
export interface Origin {
  readonly label: string;
  readonly kind: 'flag' | 'env' | 'file';
  /** The text as given (flags and env vars). */
  readonly raw?: string;
}

/** One source of configuration, already converted to the schema's input types. */
export interface Layer {
  readonly input: Partial<Record<ConfigField, unknown>>;
  readonly origins: Partial<Record<ConfigField, Origin>>;
  readonly problems: string[];
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const BOOLEAN: Readonly<Record<string, boolean>> = { true: true, '1': true, false: false, '0': false };

const splitList = (texts: readonly string[]): string[] =>
  texts
    .flatMap((t) => t.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Converts one option's text(s); returns a problem (without the label) when it cannot. */
function convert(spec: OptionSpec, texts: readonly string[]): { value: unknown } | { problem: string } {
  const last = texts.at(-1) ?? '';
  switch (spec.kind) {
    case 'string':
      return { value: last };
    case 'int':
      return INTEGER.test(last.trim())
        ? { value: Number(last) }
        : { problem: `expected ${expectedNumber(spec.field, true)}, got ${JSON.stringify(last)}` };
    case 'number':
      return DECIMAL.test(last.trim())
        ? { value: Number(last) }
        : { problem: `expected ${expectedNumber(spec.field)}, got ${JSON.stringify(last)}` };
    case 'boolean': {
      const value = BOOLEAN[last.trim().toLowerCase()];
      return value === undefined
        ? { problem: `expected true or false, got ${JSON.stringify(last)}` }
        : { value };
    }
    case 'list':
      return { value: splitList(texts) };
    case 'write-keys':
      return { value: splitList(texts).map((key) => ({ key, source: 'default' })) };
  }
}

function layerOf(
  entries: readonly (readonly [OptionSpec, readonly string[], Origin['kind'], string])[],
): Layer {
  const layer: Layer = { input: {}, origins: {}, problems: [] };
  for (const [spec, texts, kind, label] of entries) {
    const converted = convert(spec, texts);
    if ('problem' in converted) layer.problems.push(`${label}: ${converted.problem}`);
    else {
      layer.input[spec.field] = converted.value;
      layer.origins[spec.field] = { label, kind, raw: texts.join(',') };
    }
  }
  return layer;
}

export interface ParsedFlags {
  readonly layer: Layer;
  /** `--config <file>`. */
  readonly configFile?: string;
  readonly help: boolean;
}

/** Parses `argv` (without node and the script). Unknown flags and missing values are problems, not throws. */
export function parseFlags(argv: readonly string[]): ParsedFlags {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {
    config: { type: 'string' },
    help: { type: 'boolean' },
  };
  for (const spec of OPTIONS) {
    options[spec.flag] = spec.kind === 'boolean' ? { type: 'boolean' } : { type: 'string', multiple: true };
  }
  const parsed = tryParseFlags(argv, { options });
  if (!parsed.ok) {
    const problem = `${parsed.message} (run inlet-gateway --help for the flags)`;
    return { layer: { input: {}, origins: {}, problems: [problem] }, help: false };
  }
  const values: Record<string, unknown> = parsed.values;
  const entries = OPTIONS.flatMap((spec) => {
    const value = values[spec.flag];
    if (value === undefined) return [];
    const texts = Array.isArray(value) ? value.map(String) : [String(value)];
    return [[spec, texts, 'flag', `--${spec.flag}`] as const];
  });
  const configFile = typeof values.config === 'string' ? values.config : undefined;
  return {
    layer: layerOf(entries),
    ...(configFile === undefined ? {} : { configFile }),
    help: values.help === true,
  };
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Reads `INLET_GATEWAY_*` (and `KAFKA_BROKERS` when `INLET_GATEWAY_BROKERS` is unset). Empty vars count as unset. */
export function parseEnv(env: Env): { layer: Layer; configFile?: string } {
  const entries = OPTIONS.flatMap((spec) => {
    const own = env[spec.env];
    const [name, text] =
      own === undefined || own === ''
        ? spec.field === 'brokers'
          ? ['KAFKA_BROKERS', env.KAFKA_BROKERS]
          : []
        : [spec.env, own];
    if (name === undefined || text === undefined || text === '') return [];
    return [[spec, [text], 'env', name] as const];
  });
  const configFile = env.INLET_GATEWAY_CONFIG || undefined;
  return { layer: layerOf(entries), ...(configFile === undefined ? {} : { configFile }) };
}

/** `inlet-gateway --help`. */
export function usage(): string {
  const rows = [
    ['--config <file>', 'JSON config file (env INLET_GATEWAY_CONFIG)'],
    ...OPTIONS.map((o) => [
      `--${o.flag}${o.kind === 'boolean' ? '' : ' <value>'}`,
      `${o.help} (env ${o.env}${o.field === 'brokers' ? ' or KAFKA_BROKERS' : ''})`,
    ]),
    ['--help', 'this text'],
  ];
  const width = Math.max(...rows.map(([flag]) => flag?.length ?? 0));
  return [
    'Usage: inlet-gateway [flags]',
    '',
    'Precedence: flags > environment > config file > defaults. A list given by a flag replaces the',
    "file's list (write keys included).",
    '',
    ...rows.map(([flag, help]) => `  ${(flag ?? '').padEnd(width)}  ${help}`),
    '',
  ].join('\n');
}
