/**
 * One probe per part of the pipeline: asks its health endpoints and turns the answers into what the
 * console shows. A part with no URL is `off` ("not running"); one that does not answer is `down`.
 */
import { errorMessage } from '@inlet/schemas';
import type { ExternalSource, Fact, PartHealth, PartState } from '../../src/console/model/protocol';
import { bytes, count, duration } from './format';
import { histogramQuantile, parsePrometheus, sum } from './prom-text';

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface ProbeContext {
  readonly fetch: Fetch;
  readonly timeoutMs: number;
  readonly now: number;
}

async function get(ctx: ProbeContext, url: string): Promise<{ status: number; text: string }> {
  const response = await ctx.fetch(url, { signal: AbortSignal.timeout(ctx.timeoutMs) });
  return { status: response.status, text: await response.text() };
}

function json(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const part = (
  name: string,
  state: PartState,
  summary: string,
  facts: Fact[],
  now: number,
  extra: Partial<PartHealth> = {},
): PartHealth => ({ name, state, summary, facts, checkedAt: now, ...extra });

const fact = (label: string, value: string | undefined): Fact[] =>
  value === undefined ? [] : [{ label, value }];

/** State and summary from a `/readyz` answer: `up` on 200, else `degraded` with the reason it gave. */
const readiness = (status: number, body: Record<string, unknown>, upSummary: string): [PartState, string] =>
  status === 200
    ? ['up', upSummary]
    : ['degraded', typeof body.reason === 'string' ? body.reason : `readyz answered ${status}`];

/** The part is configured but does not answer. */
const unreachable = (name: string, url: string, error: unknown, now: number) =>
  part(name, 'down', `not answering at ${url} (${errorMessage(error)})`, [], now);

export async function probeGateway(url: string, ctx: ProbeContext): Promise<PartHealth> {
  try {
    const [ready, metrics] = await Promise.all([get(ctx, `${url}/readyz`), get(ctx, `${url}/metrics`)]);
    const r = json(ready.text);
    const status = (r.status ?? {}) as { sink?: string; kafka?: string };
    const m = parsePrometheus(metrics.text);
    const p95 = histogramQuantile(
      m.filter((s) => s.labels.route === undefined || s.labels.route === '/v1/batch'),
      'inlet_gateway_http_request_duration_seconds',
      0.95,
    );
    const spool = sum(m, 'inlet_gateway_spool_bytes');
    const facts = [
      ...fact('sink', status.sink === 'kafka' ? `Kafka (${status.kafka ?? '?'})` : status.sink),
      ...fact('accepted', count(sum(m, 'inlet_gateway_events_accepted_total') ?? 0)),
      ...fact('rejected', count(sum(m, 'inlet_gateway_events_rejected_total') ?? 0)),
      ...fact('deduplicated', count(sum(m, 'inlet_gateway_events_deduplicated_total') ?? 0)),
      ...fact('p95 latency', p95 === undefined ? '—' : duration(p95 * 1000)),
      ...fact('spool', spool === undefined ? undefined : bytes(spool)),
      ...fact(
        'spool age',
        spool === undefined
          ? undefined
          : duration((sum(m, 'inlet_gateway_spool_oldest_age_seconds') ?? 0) * 1000),
      ),
    ];
    return part('gateway', ...readiness(ready.status, r, 'ready: events are stored durably'), facts, ctx.now);
  } catch (error) {
    return unreachable('gateway', url, error, ctx.now);
  }
}

export async function probeCdc(url: string, ctx: ProbeContext): Promise<PartHealth> {
  try {
    const [health, metrics] = await Promise.all([get(ctx, `${url}/health`), get(ctx, `${url}/metrics`)]);
    const h = json(health.text);
    const m = parsePrometheus(metrics.text);
    const lagMs = typeof h.lagMs === 'number' ? h.lagMs : undefined;
    const facts = [
      ...fact('phase', typeof h.phase === 'string' ? h.phase : undefined),
      ...fact('slot', typeof h.slot === 'string' ? h.slot : undefined),
      ...fact('confirmed LSN', typeof h.confirmedLsn === 'string' ? h.confirmedLsn : undefined),
      ...fact('lag', lagMs === undefined ? undefined : duration(lagMs)),
      ...fact('events', count(sum(m, 'inlet_cdc_events_total') ?? 0)),
      ...fact('retained WAL', typeof h.retainedWalBytes === 'number' ? bytes(h.retainedWalBytes) : undefined),
    ];
    const error = typeof h.lastError === 'string' ? h.lastError : undefined;
    return health.status === 200
      ? part('cdc', 'up', `streaming changes from slot ${String(h.slot ?? '?')}`, facts, ctx.now)
      : part('cdc', 'degraded', error ?? `phase ${String(h.phase ?? '?')}`, facts, ctx.now);
  } catch (error) {
    return unreachable('cdc', url, error, ctx.now);
  }
}

export async function probeExternal(url: string, ctx: ProbeContext): Promise<PartHealth> {
  try {
    const runs = await get(ctx, `${url}/runs`);
    const body = json(runs.text);
    const sources = (Array.isArray(body.sources) ? body.sources : []) as ExternalSource[];
    const latest = sources.map((s) => s.runs[0]).filter((r) => r !== undefined);
    const failed = latest.filter((r) => r.status === 'failed').length;
    const facts = [
      ...fact('sources', String(sources.length)),
      ...fact('records', count(sources.reduce((n, s) => n + s.runs.reduce((m, r) => m + r.records, 0), 0))),
      ...fact('failing', String(failed)),
    ];
    const state = runs.status !== 200 ? 'degraded' : failed > 0 ? 'degraded' : 'up';
    const summary = failed > 0 ? `${failed} source(s) failed their last run` : 'scheduling pulls';
    return part('external', state, summary, facts, ctx.now, { sources: sources.slice(0, 20) });
  } catch (error) {
    return unreachable('external', url, error, ctx.now);
  }
}

/** The stream processor: /readyz for its state, /metrics for windows emitted, input lag and records in and out. */
export async function probeProcessor(url: string, ctx: ProbeContext): Promise<PartHealth> {
  try {
    const [ready, metrics] = await Promise.all([get(ctx, `${url}/readyz`), get(ctx, `${url}/metrics`)]);
    const r = json(ready.text);
    const m = parsePrometheus(metrics.text);
    const total = (name: string) => {
      const v = sum(m, name);
      return v === undefined ? undefined : count(v);
    };
    const lag = m.filter((s) => s.name === 'inlet_processor_lag_records').map((s) => s.value);
    const watermark = sum(m, 'inlet_processor_watermark_seconds');
    const facts = [
      ...fact('mode', typeof r.mode === 'string' ? r.mode : undefined),
      ...fact('windows emitted', total('inlet_processor_windows_emitted_total')),
      ...fact('records in', total('inlet_processor_records_in_total')),
      ...fact('records out', total('inlet_processor_output_records_total')),
      ...fact('lag', lag.length === 0 ? undefined : `${count(Math.max(...lag))} records`),
      ...fact(
        'watermark behind',
        watermark === undefined ? undefined : duration(Math.max(0, ctx.now - watermark * 1000)),
      ),
      ...fact('late dropped', total('inlet_processor_late_events_dropped_total')),
    ];
    return part(
      'processor',
      ...readiness(ready.status, r, 'windowing events into aggregates and state'),
      facts,
      ctx.now,
    );
  } catch (error) {
    return unreachable('processor', url, error, ctx.now);
  }
}

export const notRunning = (name: string, now: number): PartHealth =>
  part(name, 'off', 'not running (no URL given to the console)', [], now);
