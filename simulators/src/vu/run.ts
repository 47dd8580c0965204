import { DEFAULT_TOPIC_NAMES, type EventType, sleep } from '@inlet/schemas';
import type { CoreOptions, Transport } from '@inlet/sdk-core';
import { createHttpTransport } from '@inlet/sdk-node';
import { makeCatalog } from './catalog';
import { type FaultOptions, faultyTransport } from './faults';
import { type Stream, streamOf } from './journey';
import { type LedgerWriter, openLedger } from './ledger';
import { RequestMetrics } from './metrics';
import { Population } from './population';
import { type ProfileName, planLoad } from './profiles';
import { buildReport, type RunReport } from './report';
import { Rng } from './rng';
import { Scheduler } from './scheduler';
import type { Stage } from './stages';
import type { UserKind } from './users';

export interface SimulationOptions {
  readonly profile: ProfileName;
  readonly durationMs: number;
  /** The gateway's base URL. */
  readonly endpoint: string;
  readonly writeKey: string;
  readonly seed: number;
  /** Prefix of every messageId. @default `sim<seed in base 36>` (the same seed gives the same ids) */
  readonly runTag?: string;
  readonly ledgerPath?: string;
  readonly vus?: number;
  readonly rate?: number;
  readonly stages?: readonly Stage[];
  /** Rates × speed. @default 1 */
  readonly speed?: number;
  /** @default 0 */
  readonly invalidShare?: number;
  readonly faults?: FaultOptions;
  /** Flush time allowed after the journeys stop. @default 15_000 */
  readonly drainMs?: number;
  readonly maxP99Ms?: number;
  readonly maxErrorRate?: number;
  /** HTTP connections to the gateway. @default 32 */
  readonly connections?: number;
  /** Options of every user's core (`flushAt`, `flushInterval`, …). @default sdk-core's */
  readonly coreOptions?: Omit<CoreOptions, 'writeKey'>;
  /** Replaces the HTTP transport (tests, virtual runs). */
  readonly transport?: Transport;
  /** `virtual`: simulated time, as fast as the CPU allows (needs `transport`). @default 'real' */
  readonly mode?: 'real' | 'virtual';
  /** Called about twice a second (real mode) with the run so far. */
  readonly onProgress?: (progress: Progress) => void;
  /** Ends the run early (Ctrl-C): users stop, cores flush, the report covers the time run. */
  readonly signal?: AbortSignal;
  /** Told about every queued event (tests). */
  readonly onEvent?: (messageId: string, type: EventType, invalid: boolean, kind: UserKind) => void;
}

export interface Progress {
  readonly elapsedMs: number;
  readonly durationMs: number;
  readonly activeUsers: number;
  readonly generated: number;
  readonly acknowledged: number;
  readonly requests: number;
}

/** `inlet_gateway_events_deduplicated_total` summed over topics; undefined when /metrics is not readable. */
async function gatewayDeduplicated(endpoint: string): Promise<number | undefined> {
  try {
    const response = await fetch(new URL('/metrics', endpoint), { signal: AbortSignal.timeout(3_000) });
    if (!response.ok) return undefined;
    let total = 0;
    for (const line of (await response.text()).split('\n')) {
      if (line.startsWith('inlet_gateway_events_deduplicated_total'))
        total += Number(line.split(' ').at(-1)) || 0;
    }
    return total;
  } catch {
    return undefined;
  }
}

/** Runs virtual users against a gateway (or `transport`) and reports what happened. */
export async function runSimulation(o: SimulationOptions): Promise<RunReport> {
  const virtual = o.mode === 'virtual';
  if (virtual && !o.transport)
    throw new Error('a virtual run needs a transport (nothing real answers in simulated time)');
  const speed = o.speed ?? 1;
  const drainMs = o.drainMs ?? 15_000;
  const runTag = o.runTag ?? `sim${o.seed.toString(36)}`;
  const plan = planLoad({ ...o, speed });
  const scheduler = new Scheduler({ mode: virtual ? 'virtual' : 'real' });
  const metrics = new RequestMetrics();
  const http = o.transport
    ? undefined
    : createHttpTransport({
        endpoint: o.endpoint,
        connections: o.connections ?? 32,
        onResponse: metrics.record,
      });
  const { transport, counts: faults } = faultyTransport(
    o.transport ?? (http as Transport),
    o.faults ?? {},
    scheduler,
    o.seed,
  );
  const topics = DEFAULT_TOPIC_NAMES;
  const startedAt = new Date(scheduler.now()).toISOString();
  const ledger: LedgerWriter | undefined = o.ledgerPath
    ? await openLedger(o.ledgerPath, {
        ledger: 1,
        run: runTag,
        seed: o.seed,
        profile: o.profile,
        startedAt,
        endpoint: o.endpoint,
        topics,
      })
    : undefined;
  const byTopic: Record<Stream, number> = { appEvents: 0, clickstream: 0, appLogs: 0 };
  const byKind: Record<UserKind, number> = { web: 0, mobile: 0, service: 0 };
  let invalid = 0;
  const population = new Population(plan, {
    scheduler,
    transport,
    catalog: makeCatalog(o.seed),
    seed: o.seed,
    runTag,
    writeKey: o.writeKey,
    invalidShare: o.invalidShare ?? 0,
    coreOptions: o.coreOptions ?? {},
    random: (
      (jitter) => () =>
        jitter.next()
    )(new Rng(o.seed, 0x717)),
    record: (id, type, bad, kind) => {
      const stream = streamOf(type);
      byTopic[stream]++;
      byKind[kind]++;
      if (bad) invalid++;
      ledger?.write(
        bad ? { id, type, topic: topics[stream], invalid: true } : { id, type, topic: topics[stream] },
      );
      o.onEvent?.(id, type, bad, kind);
    },
  });
  const dedupBefore = virtual ? undefined : await gatewayDeduplicated(o.endpoint);

  const started = scheduler.now();
  const progress = () => {
    const s = population.stats();
    o.onProgress?.({
      elapsedMs: Math.min(o.durationMs, scheduler.now() - started),
      durationMs: o.durationMs,
      activeUsers: population.counts().active,
      generated: s.generated,
      acknowledged: s.acknowledged,
      requests: metrics.requests,
    });
  };
  const ticker = !virtual && o.onProgress ? setInterval(progress, 500) : undefined;
  scheduler.start();
  population.start();
  try {
    if (virtual) await scheduler.advance(o.durationMs);
    else await sleep(o.durationMs, { signal: o.signal });
    const ranMs = Math.max(1, scheduler.now() - started);
    const drainStart = scheduler.now();
    const stopping = population.stop(drainMs);
    if (virtual) {
      let done = false;
      void stopping.finally(() => {
        done = true;
      });
      while (!done) await scheduler.advance(100);
    }
    const { left, stats } = await stopping;
    const drained = scheduler.now() - drainStart;
    progress();
    const dedupAfter = dedupBefore === undefined ? undefined : await gatewayDeduplicated(o.endpoint);
    return buildReport({
      run: {
        tag: runTag,
        seed: o.seed,
        profile: o.profile,
        model: plan.model,
        speed,
        endpoint: o.endpoint,
        startedAt,
        durationMs: Math.min(o.durationMs, ranMs),
        drainMs: drained,
      },
      counts: population.counts(),
      stats,
      leftInQueue: left,
      invalid,
      byTopic,
      byKind,
      metrics,
      faults,
      gatewayDeduplicated:
        dedupAfter === undefined || dedupBefore === undefined ? undefined : dedupAfter - dedupBefore,
      ledger: ledger && o.ledgerPath ? { path: o.ledgerPath, lines: ledger.lines } : undefined,
      maxP99Ms: o.maxP99Ms,
      maxErrorRate: o.maxErrorRate,
    });
  } finally {
    clearInterval(ticker);
    scheduler.stop();
    await ledger?.close();
    await http?.close();
  }
}
