/**
 * The collector's config file: sources declared in JSON, validated with zod once at load, with every
 * default resolved. Errors name the field (`sources[1].schedule.every`). Secrets are never in the
 * file: `auth.env` names the environment variable that holds the key.
 */
import { readFile } from 'node:fs/promises';
import { type Issue, parseDuration, parseWithIssues } from '@inlet/schemas';
import * as z from 'zod';
import { ExternalConfigError } from './errors';
import { createSchedule, type Schedule } from './schedule';

const DURATION_HELP =
  'must be a duration: milliseconds, or a string such as "500ms", "30s", "5m", "1h", "1d"';

/** `250ms`, `30s`, `5m`, `1h`, `1d`, or a number of milliseconds. */
const duration = z.union([z.number(), z.string()], { error: DURATION_HELP }).transform((value, ctx) => {
  // A string needs its unit; a bare number is milliseconds.
  const ms = typeof value === 'number' ? value : (parseDuration(value, { bareUnit: null }) ?? Number.NaN);
  if (!Number.isInteger(ms) || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: `${DURATION_HELP}, more than 0; got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return ms;
});

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be lowercase letters, digits, "-" or "_" (max 63)');

/** A path into a response: `item.current.temp_c`, `body.symbol`, `bars.0.t` (numbers index arrays). */
const path = z
  .string()
  .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'must be a dot path such as item.current.temp_c');

const FIELD_TYPES = ['string', 'number', 'boolean', 'object', 'array', 'any'] as const;

const ScheduleSchema = z
  .strictObject({
    every: duration.optional(),
    /** Shifts `every` boundaries from the epoch (e.g. every 1h at :05 = every 1h, offset 5m). */
    offset: duration.optional(),
    cron: z.string().min(1).optional(),
    timezone: z.string().optional(),
  })
  .refine((s) => (s.every === undefined) !== (s.cron === undefined), {
    message: 'needs exactly one of "every" (e.g. "5m") or "cron" (e.g. "*/5 * * * *")',
  });

const PaginationSchema = z.discriminatedUnion('style', [
  z.strictObject({ style: z.literal('none') }),
  z.strictObject({
    style: z.literal('page'),
    pageParam: z.string().min(1).default('page'),
    sizeParam: z.string().min(1).optional(),
    size: z.int().positive().optional(),
    /** Where the response says the next page number (null/absent = last page). */
    nextField: path.optional(),
    maxPages: z.int().positive().default(100),
  }),
  z.strictObject({
    style: z.literal('cursor'),
    cursorParam: z.string().min(1).default('cursor'),
    nextField: path,
    maxPages: z.int().positive().default(100),
  }),
]);

const SourceSchema = z
  .strictObject({
    name,
    /** Sources of one provider share its rate limit. Default: the source name. */
    provider: name.optional(),
    enabled: z.boolean().default(true),
    /** URL template; `{entity}`, `{start}`, `{end}` are replaced (URL-encoded). Relative to `baseUrl`. */
    url: z.string().min(1),
    headers: z.record(z.string(), z.string()).default({}),
    /** One request chain per entity per run (`{entity}` in the URL). Default: one, with no entity. */
    entities: z.array(z.string().min(1)).min(1).optional(),
    auth: z
      .strictObject({
        in: z.enum(['query', 'header']),
        name: z.string().min(1),
        env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
        prefix: z.string().default(''),
      })
      .optional(),
    schedule: ScheduleSchema,
    pagination: PaginationSchema.default({ style: 'none' }),
    incremental: z
      .strictObject({
        sinceParam: z.string().min(1),
        untilParam: z.string().min(1).optional(),
        /** Whether the API returns records at exactly `since`. Default false (exclusive). */
        sinceInclusive: z.boolean().default(false),
      })
      .optional(),
    records: z.strictObject({
      /** Path to the array of records in the body; absent: the body is one record. */
      path: path.optional(),
      /** Template: `{entity}`, `{item.x}`, `{body.x}`; becomes the Kafka key `source:entity`. */
      entity: z.string().min(1),
      /** Path to the observation time (ISO 8601, or epoch seconds/ms): `item.t`, `body.issued_at`. */
      observedAt: path,
      /** Required fields of each record and their types: a missing or renamed field is schema drift. */
      fields: z.record(path, z.enum(FIELD_TYPES)).default({}),
      /** What goes into `payload`. Default: `item`. */
      payload: path.default('item'),
    }),
    rateLimit: z
      .strictObject({
        requests: z.int().positive(),
        per: z.enum(['second', 'minute', 'hour']),
        burst: z.int().positive().optional(),
      })
      .optional(),
    timeout: duration.default(10_000),
    retry: z
      .strictObject({
        maxAttempts: z.int().min(1).max(20).default(5),
        initialDelay: duration.default(500),
        maxDelay: duration.default(30_000),
        maxRetryAfter: duration.default(60_000),
      })
      .default({ maxAttempts: 5, initialDelay: 500, maxDelay: 30_000, maxRetryAfter: 60_000 }),
    catchUp: z
      .strictObject({ maxIntervals: z.int().min(0).max(10_000).default(10) })
      .default({ maxIntervals: 10 }),
    /** Send If-None-Match with the last ETag (single-page responses only). Default true. */
    conditional: z.boolean().default(true),
    dedup: z
      .strictObject({ window: duration.default(86_400_000), maxPerEntity: z.int().positive().default(1000) })
      .default({ window: 86_400_000, maxPerEntity: 1000 }),
  })
  .superRefine((s, ctx) => {
    if (s.url.includes('{entity}') && !s.entities) {
      ctx.addIssue({ code: 'custom', path: ['entities'], message: 'is required: the url uses {entity}' });
    }
    if (s.entities && !s.url.includes('{entity}')) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'must contain {entity} when entities are listed',
      });
    }
    if (s.schedule.cron !== undefined) {
      try {
        createSchedule({ cron: s.schedule.cron });
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: ['schedule', 'cron'],
          message: String((error as Error).message),
        });
      }
    }
  });

export const ExternalConfigSchema = z
  .strictObject({
    /** Prepended to relative source URLs; `--base-url` overrides it. */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    topics: z
      .strictObject({ externalData: z.string().min(1).optional(), deadLetter: z.string().min(1).optional() })
      .default({}),
    sources: z.array(SourceSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    const limits = new Map<string, string>();
    c.sources.forEach((s, i) => {
      if (seen.has(s.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'name'],
          message: `duplicates sources[${seen.get(s.name)}]`,
        });
      }
      seen.set(s.name, i);
      const provider = s.provider ?? s.name;
      const limit = JSON.stringify(s.rateLimit ?? null);
      if (s.rateLimit && limits.has(provider) && limits.get(provider) !== limit) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'rateLimit'],
          message: `differs from another source of provider "${provider}"; sources of one provider share one limit`,
        });
      }
      if (s.rateLimit) limits.set(provider, limit);
    });
  });

export type ExternalConfigInput = z.input<typeof ExternalConfigSchema>;
type ParsedSource = z.output<typeof SourceSchema>;

/** A source with everything resolved: absolute URL template, schedule object, secret read from env. */
export interface SourceConfig extends Omit<ParsedSource, 'schedule' | 'entities' | 'provider'> {
  readonly provider: string;
  readonly schedule: Schedule;
  /** `['']` for a source without entities. */
  readonly entities: readonly string[];
  /** The auth secret, read once from `auth.env`; never logged. */
  readonly secret?: string;
}

export interface ExternalConfig {
  readonly file: string;
  readonly topics: { readonly externalData?: string | undefined; readonly deadLetter?: string | undefined };
  readonly sources: readonly SourceConfig[];
}

export interface LoadOptions {
  /** Overrides the file's `baseUrl`. */
  baseUrl?: string;
  /** Where `auth.env` names are looked up. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Validates a parsed config; throws `ExternalConfigError` listing every problem. */
export function resolveConfig(input: unknown, file: string, options: LoadOptions = {}): ExternalConfig {
  const parsed = parseWithIssues(ExternalConfigSchema, input);
  if (!parsed.ok) throw new ExternalConfigError(file, parsed.issues);
  const env = options.env ?? process.env;
  const base = options.baseUrl ?? parsed.value.baseUrl;
  const issues: Issue[] = [];
  const sources = parsed.value.sources.map((s, i): SourceConfig => {
    let url = s.url;
    if (!/^https?:\/\//.test(url)) {
      if (base === undefined) {
        issues.push({
          path: `sources[${i}].url`,
          message: 'is relative: set baseUrl (or --base-url), or use an absolute URL',
        });
      } else url = `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
    }
    const secret = s.auth ? env[s.auth.env] : undefined;
    if (s.auth && s.enabled && (secret === undefined || secret === '')) {
      issues.push({
        path: `sources[${i}].auth.env`,
        message: `environment variable ${s.auth.env} is not set (it holds the API key)`,
      });
    }
    const { cron, timezone, every, offset } = s.schedule;
    const schedule =
      cron !== undefined
        ? createSchedule(timezone ? { cron, timezone } : { cron })
        : createSchedule({ everyMs: every ?? 60_000, offsetMs: offset ?? 0 });
    const { entities, provider, schedule: _, ...rest } = s;
    return {
      ...rest,
      url,
      provider: provider ?? s.name,
      schedule,
      entities: entities ?? [''],
      ...(secret === undefined ? {} : { secret }),
    };
  });
  if (issues.length > 0) throw new ExternalConfigError(file, issues);
  return { file, topics: parsed.value.topics, sources };
}

/** Reads and validates a JSON config file. */
export async function loadConfig(file: string, options: LoadOptions = {}): Promise<ExternalConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ExternalConfigError(file, [
      { path: '', message: `cannot read the file (${(error as Error).message})` },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ExternalConfigError(file, [
      { path: '', message: `is not valid JSON (${(error as Error).message})` },
    ]);
  }
  return resolveConfig(json, file, options);
}
