/**
 * One run of one source for one interval: fetch every entity, map and validate, drop duplicates,
 * append records and dead letters to the sink, and only once the sink acknowledged them commit the
 * new state (cursors, ETags, dedup memory, last interval). Then the run joins the history.
 */

import { randomBytes } from 'node:crypto';
import { errorMessage } from '@inlet/schemas';
import type { Sink, SinkRecord } from '@inlet/streams';
import type { Logger } from 'pino';
import type { SourceConfig } from './config';
import { isFetchError } from './errors';
import { type FetchedItem, fetchEntity } from './fetch-entity';
import type { HttpDeps } from './http-client';
import { mapItem } from './mapping';
import { DEAD_LETTER_REASONS, deadLetterRecord, externalRecord, recordKey, type Topics } from './records';
import type { Interval } from './schedule';
import { pruneSeen, type RunKind, type RunRecord, type RunStatus, type SourceState } from './state';

export interface RunContext {
  readonly sink: Sink;
  readonly topics: Topics;
  readonly http: (source: SourceConfig) => HttpDeps;
  readonly now: () => number;
  readonly log: Logger;
  readonly signal: AbortSignal;
  /** A copy of the source's committed state. */
  readonly state: (source: string) => SourceState;
  /** Replaces the source's state and persists it (atomically), then appends the run to the history. */
  readonly commit: (source: string, state: SourceState, run: RunRecord) => Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export const runIdOf = (kind: RunKind, source: string, interval: Interval) =>
  `${kind}__${iso(interval.start)}__${source}__${randomBytes(3).toString('hex')}`;

interface Collected {
  good: { entity: string; observedMs: number; sink: SinkRecord }[];
  dead: SinkRecord[];
  maxObserved?: string;
}

function collect(
  ctx: RunContext,
  source: SourceConfig,
  entity: string,
  items: readonly FetchedItem[],
  interval: Interval,
  incremental: boolean,
  runId: string,
  fetchedAt: string,
): Collected {
  const out: Collected = { good: [], dead: [] };
  for (const { item, body } of items) {
    const mapped = mapItem(item, body, entity, source.records);
    const observedAt = mapped.observedAt;
    // An incremental run owns [start, end): newer records belong to a later interval's run.
    if (incremental && observedAt !== undefined && Date.parse(observedAt) >= interval.end) continue;
    if (observedAt !== undefined && (out.maxObserved === undefined || observedAt > out.maxObserved))
      out.maxObserved = observedAt;
    if (!mapped.ok) {
      out.dead.push(
        deadLetterRecord(ctx.topics, {
          reason: DEAD_LETTER_REASONS.invalidRecord,
          errors: mapped.issues,
          payload: { json: item },
          sourceName: source.name,
          receivedAt: fetchedAt,
        }),
      );
      continue;
    }
    const record = {
      source: source.name,
      entity: mapped.entity,
      observedAt: mapped.observedAt,
      fetchedAt,
      runId,
      payload: mapped.payload,
    };
    const built = externalRecord(ctx.topics, record);
    if (built.ok)
      out.good.push({ entity: mapped.entity, observedMs: Date.parse(mapped.observedAt), sink: built.sink });
    else
      out.dead.push(
        deadLetterRecord(ctx.topics, {
          reason: DEAD_LETTER_REASONS.invalidRecord,
          errors: built.issues,
          payload: { json: item },
          sourceName: source.name,
          receivedAt: fetchedAt,
          key: recordKey(source.name, mapped.entity),
        }),
      );
  }
  return out;
}

export async function runSource(
  ctx: RunContext,
  source: SourceConfig,
  interval: Interval,
  kind: RunKind,
): Promise<RunRecord> {
  const started = ctx.now();
  const runId = runIdOf(kind, source.name, interval);
  const fetchedAt = iso(started);
  const before = ctx.state(source.name);
  const next = structuredClone(before);
  const good: Collected['good'] = [];
  const dead: SinkRecord[] = [];
  const errors: string[] = [];
  let requests = 0;
  let attempts = 0;
  const log = ctx.log.child({ source: source.name, runId });
  for (const entity of source.entities) {
    try {
      const fetched = await fetchEntity(
        source,
        entity,
        interval,
        kind,
        before,
        ctx.http(source),
        log,
        ctx.signal,
      );
      requests += fetched.requests;
      attempts += fetched.attempts;
      const c = collect(
        ctx,
        source,
        entity,
        fetched.items,
        interval,
        source.incremental !== undefined,
        runId,
        fetchedAt,
      );
      for (const b of fetched.bodyIssues) {
        c.dead.push(
          deadLetterRecord(ctx.topics, {
            reason: DEAD_LETTER_REASONS.invalidRecord,
            errors: [{ path: source.records.path ?? '', message: b.message }],
            payload: { json: b.body },
            sourceName: source.name,
            receivedAt: fetchedAt,
          }),
        );
      }
      good.push(...c.good);
      dead.push(...c.dead);
      const cursor = next.cursors[entity];
      if (source.incremental && kind !== 'backfill' && c.maxObserved && (!cursor || c.maxObserved > cursor))
        next.cursors[entity] = c.maxObserved;
      if (fetched.etag) next.etags[entity] = fetched.etag;
    } catch (error) {
      attempts += isFetchError(error) ? error.attempts : 0;
      errors.push(`${entity === '' ? source.name : entity}: ${errorMessage(error)}`);
      if (isFetchError(error) && error.failure === 'malformed' && error.body !== undefined) {
        dead.push(
          deadLetterRecord(ctx.topics, {
            reason: DEAD_LETTER_REASONS.malformed,
            errors: [{ path: '', message: error.message }],
            payload: { text: error.body },
            sourceName: source.name,
            receivedAt: fetchedAt,
          }),
        );
      }
    }
  }
  // Dedup by (source, entity, observedAt) against what earlier runs stored, and within this run.
  const fresh: SinkRecord[] = [];
  let duplicates = 0;
  for (const g of good) {
    const times = next.seen[g.entity] ?? [];
    next.seen[g.entity] = times;
    if (times.includes(g.observedMs)) {
      duplicates++;
      continue;
    }
    times.push(g.observedMs);
    fresh.push(g.sink);
  }
  pruneSeen(next.seen, ctx.now(), source.dedup.window, source.dedup.maxPerEntity);
  for (const times of Object.values(next.seen)) times.sort((a, b) => a - b);

  let status: RunStatus;
  let sinkError: string | undefined;
  try {
    if (fresh.length + dead.length > 0) await ctx.sink.append([...fresh, ...dead]);
  } catch (error) {
    sinkError = `sink: ${errorMessage(error)}`;
  }
  const stopped = ctx.signal.aborted;
  if (sinkError || stopped || errors.length === source.entities.length) status = 'failed';
  else status = errors.length > 0 || dead.length > 0 ? 'partial' : 'success';
  const scheduled = kind === 'scheduled' || kind === 'catch-up';
  // Nothing of a failed write is committed: the cursors stay, so the next run fetches the same again.
  const committed: SourceState = sinkError ? structuredClone(before) : next;
  if (scheduled && !stopped) committed.lastAttemptedEnd = iso(interval.end);
  if (scheduled && status !== 'failed')
    committed.lastSuccess = { start: iso(interval.start), end: iso(interval.end), runId };
  const ended = ctx.now();
  const allErrors = [
    ...(sinkError ? [sinkError] : []),
    ...errors,
    ...(dead.length > 0 ? [`${dead.length} record(s) dead-lettered`] : []),
  ];
  const run: RunRecord = {
    runId,
    source: source.name,
    kind,
    intervalStart: iso(interval.start),
    intervalEnd: iso(interval.end),
    status,
    records: sinkError ? 0 : fresh.length,
    deadLettered: sinkError ? 0 : dead.length,
    duplicates,
    requests,
    attempts,
    startedAt: iso(started),
    endedAt: iso(ended),
    durationMs: ended - started,
    ...(allErrors.length > 0 ? { error: allErrors.join('; ').slice(0, 2000) } : {}),
  };
  await ctx.commit(source.name, committed, run);
  const level = status === 'failed' ? 'error' : status === 'partial' ? 'warn' : 'info';
  log[level](
    {
      kind,
      interval: run.intervalStart,
      status,
      records: run.records,
      deadLettered: run.deadLettered,
      duplicates,
      attempts,
      ms: run.durationMs,
      ...(run.error ? { error: run.error } : {}),
    },
    'run finished',
  );
  return run;
}
