/**
 * Switchable faults per provider: what real APIs do to collectors. Latency and schema drift apply to
 * every request; the error faults (a status, a hang, a malformed body) hit a `probability` share of
 * requests, for the next `times` requests or until cleared. Draws come from a seeded generator, so a
 * run with the same seed and requests sees the same faults.
 */
import { mulberry32 } from '@inlet/schemas/mulberry32';
import * as z from 'zod';

export const PROVIDERS = ['weather', 'maps', 'market'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const FaultSpecSchema = z
  .strictObject({
    /** Added before every response, ms. */
    latencyMs: z.int().min(0).max(600_000).optional(),
    /** Answer with this status instead. */
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503)]).optional(),
    /** Retry-After seconds sent with 429/503 (429 default: 1). */
    retryAfterS: z.int().min(0).max(86_400).optional(),
    /** Never answer; the client's timeout has to end it. */
    hang: z.boolean().optional(),
    /** 200 with a truncated JSON body. */
    malformed: z.boolean().optional(),
    /** Rename one field of the provider's records (weather temp_c, maps updated_at, market c). */
    drift: z.boolean().optional(),
    /** Share of requests the error fault hits, 0–1. Default 1. */
    probability: z.number().min(0).max(1).optional(),
    /** The error fault hits only this many more requests. Default: until cleared. */
    times: z.int().min(1).optional(),
  })
  .refine(
    (f) => [f.status !== undefined, f.hang === true, f.malformed === true].filter(Boolean).length <= 1,
    {
      message: 'choose at most one of status, hang, malformed',
    },
  );
export type FaultSpec = z.output<typeof FaultSpecSchema>;

export type ErrorFault =
  | { readonly kind: 'status'; readonly status: 429 | 500 | 502 | 503; readonly retryAfterS?: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'malformed' };

export class FaultBoard {
  readonly #faults = new Map<Provider, FaultSpec & { remaining?: number }>();
  readonly #rand: () => number;

  constructor(seed = 1) {
    this.#rand = mulberry32(seed);
  }

  set(provider: Provider, spec: FaultSpec): void {
    const { times, ...rest } = spec;
    this.#faults.set(provider, times === undefined ? rest : { ...rest, times, remaining: times });
  }

  clear(provider?: Provider): void {
    if (provider) this.#faults.delete(provider);
    else this.#faults.clear();
  }

  get(provider: Provider): FaultSpec | undefined {
    return this.#faults.get(provider);
  }

  all(): Partial<Record<Provider, FaultSpec & { remaining?: number }>> {
    return Object.fromEntries(this.#faults);
  }

  latencyMs(provider: Provider): number {
    return this.#faults.get(provider)?.latencyMs ?? 0;
  }

  drift(provider: Provider): boolean {
    return this.#faults.get(provider)?.drift === true;
  }

  /** Draws whether this request gets the error fault, consuming one of `times`. */
  draw(provider: Provider): ErrorFault | undefined {
    const f = this.#faults.get(provider);
    if (!f || (f.status === undefined && !f.hang && !f.malformed)) return undefined;
    if (f.remaining !== undefined && f.remaining <= 0) return undefined;
    if (this.#rand() >= (f.probability ?? 1)) return undefined;
    if (f.remaining !== undefined) f.remaining--;
    if (f.hang) return { kind: 'hang' };
    if (f.malformed) return { kind: 'malformed' };
    const status = f.status ?? 500;
    const retryAfterS = f.retryAfterS ?? (status === 429 ? 1 : undefined);
    return retryAfterS === undefined ? { kind: 'status', status } : { kind: 'status', status, retryAfterS };
  }
}

/**
 * Parses the CLI form `provider=key[:value],key[:value]`, e.g. `weather=status:503,probability:0.2`,
 * `maps=drift`, `market=latency:250` (`latency` is short for `latencyMs`, `retryAfter` for `retryAfterS`).
 */
export function parseFaultFlag(text: string): { provider: Provider; spec: FaultSpec } {
  const [provider, rest] = text.split('=', 2);
  if (!PROVIDERS.includes(provider as Provider) || rest === undefined) {
    throw new Error(
      `--fault ${JSON.stringify(text)}: expected <provider>=<fault>[,<fault>…] with provider one of ${PROVIDERS.join(', ')}`,
    );
  }
  const aliases: Record<string, string> = { latency: 'latencyMs', retryAfter: 'retryAfterS' };
  const raw: Record<string, unknown> = {};
  for (const part of rest.split(',').filter((p) => p !== '')) {
    const [key = '', value] = part.split(':', 2);
    const name = aliases[key] ?? key;
    raw[name] = value === undefined ? true : Number.isNaN(Number(value)) ? value : Number(value);
  }
  const parsed = FaultSpecSchema.safeParse(raw);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'fault'}: ${i.message}`).join('; ');
    throw new Error(`--fault ${JSON.stringify(text)}: ${why}`);
  }
  return { provider: provider as Provider, spec: parsed.data };
}
