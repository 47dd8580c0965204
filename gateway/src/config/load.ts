/**
 * Loads the gateway's configuration once: flags > env > `--config` file > defaults, validated by
 * `GatewayConfigSchema`. Every problem names the field and the source it came from, e.g.
 * `--port: expected an integer from 0 to 65535, got "70000"` or `gateway.json writeKeys[0].key: …`.
 */

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorMessage, formatPath } from '@inlet/schemas';
import { topicStoreOf } from '@inlet/streams';
import type * as z from 'zod';
import { expectedNumber, numberBounds } from './bounds';
import { type DevKey, developmentKey, isLoopbackHost } from './dev-key';
import { ConfigError } from './errors';
import { type ConfigField, type Env, type Layer, type Origin, parseEnv, parseFlags, usage } from './flags';
import { type GatewayConfig, GatewayConfigSchema, WriteKeyConfigSchema } from './schema';

/** The configuration after defaults and the sink choice: what the server runs with. */
export type ResolvedConfig = Omit<GatewayConfig, 'sink'> & { readonly sink: 'kafka' | 'local' };

export interface LoadOptions {
  /** Flags, without node and the script. Default `process.argv.slice(2)`. */
  readonly argv?: readonly string[];
  /** Default `process.env`. */
  readonly env?: Env;
}

export type LoadResult =
  | {
      readonly kind: 'config';
      readonly config: ResolvedConfig;
      /** The generated development key, when one was needed. */
      readonly devKey?: DevKey;
    }
  | { readonly kind: 'help'; readonly text: string };

const SECRET_FIELDS: ReadonlySet<ConfigField> = new Set(['writeKeys', 'adminToken']);
const FILE_EXTRA_KEYS = new Set(['$schema']);

/** Parses flags, env and the config file; throws `ConfigError` listing every problem found. */
export async function loadConfig(options: LoadOptions = {}): Promise<LoadResult> {
  const flags = parseFlags(options.argv ?? process.argv.slice(2));
  if (flags.help) return { kind: 'help', text: usage() };
  const env = parseEnv(options.env ?? process.env);
  const configFile = flags.configFile ?? env.configFile;
  const file = configFile === undefined ? emptyLayer() : await readConfigFile(configFile);
  const layers = [file, env.layer, flags.layer];
  // Every problem at once: values that could not be converted are left out of the schema check.
  const problems = layers.flatMap((l) => l.problems);

  const input: Partial<Record<ConfigField, unknown>> = Object.assign({}, ...layers.map((l) => l.input));
  const origins: Partial<Record<ConfigField, Origin>> = Object.assign({}, ...layers.map((l) => l.origins));
  const parsed = GatewayConfigSchema.safeParse(input, { error: friendlyMessage });
  if (!parsed.success) {
    throw new ConfigError([...problems, ...parsed.error.issues.map((i) => describeIssue(i, origins, input))]);
  }
  const config = parsed.data;
  const where = (field: ConfigField) => origins[field]?.label ?? field;

  // Without --sink, the rule every part shares: any brokers → Kafka, none → the local log.
  const sink = config.sink ?? topicStoreOf(config.brokers, config.dataDir).kind;
  if (sink === 'kafka' && config.brokers.length === 0) {
    problems.push(
      `${where('sink')}: the kafka sink needs brokers: pass --brokers host:port, set KAFKA_BROKERS, or use --sink local`,
    );
  }
  const keys = config.writeKeys.map((k) => k.key);
  const repeated = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (repeated >= 0) problems.push(`${where('writeKeys')}: write key number ${repeated + 1} is listed twice`);
  let devKey: DevKey | undefined;
  if (config.writeKeys.length === 0) {
    if (isLoopbackHost(config.host)) devKey = await developmentKey(config.dataDir);
    else {
      problems.push(
        `${where('host')}: no write key configured for a non-loopback host (${config.host}): pass --write-key <key>, set INLET_GATEWAY_WRITE_KEY, or list writeKeys in the --config file`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const writeKeys = devKey ? [devKey.writeKey] : config.writeKeys;
  return { kind: 'config', config: { ...config, sink, writeKeys }, ...(devKey ? { devKey } : {}) };
}

/** The resolved config a cluster primary hands its workers (JSON in an env var), checked again. */
export function parseResolvedConfig(json: string): ResolvedConfig {
  const config = GatewayConfigSchema.parse(JSON.parse(json));
  if (config.sink === undefined) throw new Error('a resolved config always names its sink');
  return { ...config, sink: config.sink };
}

const emptyLayer = (): Layer => ({ input: {}, origins: {}, problems: [] });

async function readConfigFile(path: string): Promise<Layer> {
  const layer = emptyLayer();
  let text: string;
  try {
    text = await readFile(resolve(path), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    layer.problems.push(`${path}: cannot read the config file (${reason})`);
    return layer;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    layer.problems.push(`${path}: not valid JSON (${errorMessage(error)})`);
    return layer;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    layer.problems.push(`${path}: expected a JSON object of settings`);
    return layer;
  }
  const known = Object.keys(GatewayConfigSchema.shape);
  for (const [key, value] of Object.entries(raw)) {
    if (FILE_EXTRA_KEYS.has(key)) continue;
    if (!known.includes(key)) {
      layer.problems.push(`${path}: unknown field "${key}" (known: ${known.join(', ')})`);
      continue;
    }
    layer.input[key as ConfigField] = value;
    layer.origins[key as ConfigField] = { label: path, kind: 'file' };
  }
  const writeKeys = (raw as { writeKeys?: unknown }).writeKeys;
  if (Array.isArray(writeKeys)) {
    const keyFields = Object.keys(WriteKeyConfigSchema.shape);
    writeKeys.forEach((entry: unknown, i) => {
      if (typeof entry !== 'object' || entry === null) return; // zod reports it
      for (const key of Object.keys(entry)) {
        if (!keyFields.includes(key)) {
          layer.problems.push(
            `${path} writeKeys[${i}]: unknown field "${key}" (known: ${keyFields.join(', ')})`,
          );
        }
      }
    });
  }
  return layer;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  origins: Partial<Record<ConfigField, Origin>>,
  input: Partial<Record<ConfigField, unknown>>,
): string {
  const [top, ...rest] = issue.path;
  const field = top as ConfigField;
  const origin = origins[field];
  if (origin === undefined) return `${formatPath(issue.path)}: ${issue.message}`;
  if (origin.kind === 'file') return `${origin.label} ${formatPath(issue.path)}: ${issue.message}`;
  const secret = SECRET_FIELDS.has(field);
  const index = rest[0];
  if (typeof index === 'number') {
    const item = (input[field] as unknown[] | undefined)?.[index];
    const shown = secret || typeof item !== 'string' ? '' : ` ${JSON.stringify(item)}`;
    return `${origin.label}: item ${index + 1}${shown}: ${issue.message}`;
  }
  return secret
    ? `${origin.label}: ${issue.message}`
    : `${origin.label}: ${issue.message}, got ${JSON.stringify(origin.raw)}`;
}

/** Messages for the generic issues; the schema's own messages (e.g. `expected host:port`) win over these. */
function friendlyMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const top = issue.path?.[0];
  const numeric = issue.path?.length === 1 && typeof top === 'string' && numberBounds(top) !== undefined;
  if ((issue.code === 'too_big' || issue.code === 'too_small') && numeric)
    return `expected ${expectedNumber(top)}`;
  if (issue.code === 'invalid_value')
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  return undefined;
}
