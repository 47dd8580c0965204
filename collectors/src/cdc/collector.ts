/**
 * The CDC collector: preflight → slot (+ consistent snapshot) → stream, restarting the stream after
 * connection failures (from the slot's confirmed position: what was not confirmed comes again, so
 * delivery is at-least-once, never with a gap). Heartbeats keep the slot moving while captured tables
 * are idle; metrics track lag, retained WAL and events/s.
 */

import { errorMessage, exponentialDelay, sleep } from '@inlet/schemas';
import type { SinkRecord } from '@inlet/streams';
import type pg from 'pg';
import type { Pgoutput } from 'pg-logical-replication';
import { PgoutputDecoder } from './decoder';
import type { SourceIdentity } from './envelope';
import { CdcStreamError, isCdcConfigError, isCdcStreamError } from './errors';
import { Heartbeat } from './heartbeat';
import { formatLsn, type Lsn } from './lsn';
import { CdcMetrics } from './metrics';
import { type CdcCollectorOptions, COLLECTOR_VERSION, type ResolvedOptions, resolveOptions } from './options';
import { Outbound } from './outbound';
import { connect } from './pg-connect';
import { type PreflightResult, preflight } from './preflight';
import { ReplicationStream } from './replication';
import { retainedWalBytes, slotState } from './slot';
import { checkExistingSlot, prepareSlot } from './slot-setup';
import type { CdcPhase, CdcStatus } from './status';
import { StoredFilter } from './stored-mark';
import { readMarks } from './stored-tail';
import { qualified } from './tables';

/** First wait before restarting a failed stream; doubles up to `maxRestartDelayMs`. */
const RESTART_DELAY_MS = 500;

export interface CdcCollector {
  /** Resolves after `stop()`; rejects when the collector gives up (fatal error). */
  readonly done: Promise<void>;
  /** Resolves once the snapshot (if any) is stored and the stream has started; rejects like `done`. */
  readonly streaming: Promise<void>;
  readonly metrics: CdcMetrics;
  status(): CdcStatus;
  /** Pauses the stream, lets queued events reach the sink and be confirmed, then disconnects. */
  stop(): Promise<void>;
}

/** Connects, checks and prepares the database; then snapshots/streams in the background (`done`). */
export async function startCdcCollector(input: CdcCollectorOptions): Promise<CdcCollector> {
  const options = resolveOptions(input);
  const metrics = input.metrics ?? new CdcMetrics();
  const { logger } = options;
  const admin = await connect(options.pgUrl);
  let ready: PreflightResult;
  try {
    ready = await preflight(admin, {
      tables: options.tables,
      publication: options.publication,
      ...(options.replicaIdentity ? { replicaIdentity: options.replicaIdentity } : {}),
    });
    await checkExistingSlot(admin, options.slot, ready.facts.database, options.slotBusyWaitMs);
  } catch (error) {
    await admin.end().catch(() => {});
    throw error;
  }
  logger.info(
    {
      database: ready.facts.database,
      tables: options.tables.map(qualified),
      publication: options.publication,
      created: ready.publicationCreated,
      added: ready.tablesAddedToPublication,
      replicaIdentity: Object.fromEntries(ready.tables.map((t) => [qualified(t.ref), t.replicaIdentity])),
    },
    'cdc preflight passed',
  );
  return new Collector(options, metrics, admin, ready);
}

class Collector implements CdcCollector {
  readonly done: Promise<void>;
  readonly streaming: Promise<void>;
  private markStreaming: () => void = () => {};
  private phase: CdcPhase = 'starting';
  private stopping = false;
  private snapshotRows = 0;
  private restarts = 0;
  private confirmed: Lsn | undefined;
  private retained: number | undefined;
  private lastError: string | undefined;
  private stream: ReplicationStream | undefined;
  private outbound: Outbound | undefined;
  private pause: Promise<void> | undefined;
  private dropping = false;
  private readonly heartbeat: Heartbeat;
  private readonly identity: SourceIdentity;
  private readonly abort = new AbortController();

  constructor(
    private readonly options: ResolvedOptions,
    readonly metrics: CdcMetrics,
    private readonly admin: pg.Client,
    private readonly ready: PreflightResult,
  ) {
    this.identity = { version: COLLECTOR_VERSION, name: options.serverName, db: ready.facts.database };
    this.heartbeat = new Heartbeat({
      url: options.pgUrl,
      slot: options.slot,
      intervalMs: options.heartbeatIntervalMs,
      onTick: async (client) => {
        this.retained = await retainedWalBytes(client, options.slot);
        if (this.retained !== undefined) metrics.retainedWal.set(this.retained);
      },
      onError: (error) => options.logger.warn({ err: error }, 'cdc heartbeat failed'),
    });
    this.streaming = new Promise<void>((resolve) => {
      this.markStreaming = resolve;
    });
    this.done = this.main().then(
      () => {
        this.phase = 'stopped';
      },
      (error: unknown) => {
        this.phase = 'failed';
        this.lastError = errorMessage(error);
        throw error;
      },
    );
    this.done.catch(() => {});
    // Settles with `done` if the collector stops or fails before it streams.
    this.streaming = Promise.race([this.streaming, this.done]);
    this.streaming.catch(() => {});
  }

  status(): CdcStatus {
    const now = Date.now();
    const sink = this.options.sink.health();
    return {
      ok: (this.phase === 'streaming' || this.phase === 'snapshot') && sink.ready !== false,
      phase: this.phase,
      slot: this.options.slot,
      publication: this.options.publication,
      tables: this.options.tables.map(qualified),
      confirmedLsn: this.confirmed === undefined ? undefined : formatLsn(this.confirmed),
      snapshotRows: this.snapshotRows,
      queued: this.outbound?.queued ?? 0,
      restarts: this.restarts,
      eventsPerSecond: this.metrics.eventsPerSecond(now),
      lagMs: this.metrics.latestLagMs,
      retainedWalBytes: this.retained,
      sink,
      lastError: this.lastError,
    };
  }

  async stop(): Promise<void> {
    if (this.stopping) return this.done.catch(() => {});
    this.stopping = true;
    this.abort.abort();
    let release = () => {};
    this.pause = new Promise<void>((r) => {
      release = r;
    });
    // Paused: let what is queued reach the sink and be confirmed before the connection goes.
    await Promise.race([this.outbound?.drained(), sleep(10_000, { unref: true })]);
    // Then drop whatever else arrives (unconfirmed, it comes again next time) so the paused socket can
    // be read to its end and the connection closes.
    this.dropping = true;
    release();
    await this.stream?.stop();
    await this.done.catch(() => {});
  }

  private newOutbound(onConfirmed: (lsn: Lsn) => void): Outbound {
    const { options, metrics } = this;
    return new Outbound({
      sink: options.sink,
      maxBatchRecords: options.maxBatchRecords,
      highWaterRecords: options.highWaterRecords,
      onConfirmed,
      onAppended: (batch) => {
        metrics.appended(batch);
        options.onAppended?.(batch);
      },
      onRetry: (error, attempt, delayMs) => {
        metrics.sinkRetries.inc();
        options.logger.warn({ err: error, attempt, delayMs }, 'cdc sink append failed; retrying');
      },
      onFatal: (error) => this.stream?.fail(error),
    });
  }

  private async main(): Promise<void> {
    try {
      await this.prepareSlot();
      this.heartbeat.start();
      await this.streamLoop();
    } catch (error) {
      // A snapshot cut short by stop() is not a failure: the next start snapshots again.
      if (!this.stopping) throw error;
    } finally {
      await this.heartbeat.stop();
      await this.admin.end().catch(() => {});
    }
  }

  /** Creates the slot if needed and runs the snapshot the mode asks for. */
  private async prepareSlot(): Promise<void> {
    const rows = await prepareSlot({
      admin: this.admin,
      options: this.options,
      identity: this.identity,
      primaryKeys: this.ready.primaryKeys,
      signal: this.abort.signal,
      snapshotOutbound: () => {
        this.phase = 'snapshot';
        this.outbound = this.newOutbound(() => {});
        return this.outbound;
      },
    });
    if (rows === undefined) return;
    this.snapshotRows = rows;
    this.metrics.decoded.inc({ op: 'r' }, rows);
    this.options.logger.info({ rows, slot: this.options.slot }, 'cdc snapshot stored');
  }

  private async streamLoop(): Promise<void> {
    const { options, metrics } = this;
    // Failed restarts in a row; a confirmed position proves the stream healthy again.
    let restarts = 0;
    const nextDelay = () =>
      exponentialDelay({ attempt: restarts++, base: RESTART_DELAY_MS, cap: options.maxRestartDelayMs });
    let firstStream = true;
    while (!this.stopping) {
      let state: Awaited<ReturnType<typeof slotState>>;
      try {
        // A short-lived connection: after a server restart the startup one is gone.
        const client = await connect(options.pgUrl);
        state = await slotState(client, options.slot).finally(() => client.end().catch(() => {}));
      } catch (error) {
        if (isCdcConfigError(error) && error.kind === 'usage') throw error;
        await this.backoff(error, nextDelay());
        continue;
      }
      if (!state)
        throw new CdcStreamError(`replication slot "${options.slot}" disappeared; restart to recreate it`);
      const confirmedAtStart = state.confirmedFlush ?? 0n;
      this.confirmed = confirmedAtStart;
      const decoder = new PgoutputDecoder({
        identity: this.identity,
        topicFor: options.topicFor,
        primaryKeys: this.ready.primaryKeys,
        values: options.values,
        onChange: (op) => metrics.decoded.inc({ op }),
      });
      const filter = firstStream ? await this.storedFilter(confirmedAtStart) : undefined;
      firstStream = false;
      const outbound = this.newOutbound((lsn) => {
        this.confirmed = lsn;
        metrics.confirmedLsn.set(Number(lsn));
        stream.confirm(lsn);
        restarts = 0;
      });
      const stream: ReplicationStream = new ReplicationStream({
        url: options.pgUrl,
        slot: options.slot,
        publication: options.publication,
        confirmed: confirmedAtStart,
        statusIntervalMs: options.statusIntervalMs,
        onMessage: (lsn: string, message: Pgoutput.Message) => {
          if (this.dropping) return undefined;
          if (this.pause) return this.pause;
          const event = decoder.handle(lsn, message);
          if (event?.kind === 'records') {
            if (filter?.active && this.skipStored(filter, event.records)) return undefined;
            outbound.push(event.records, Number(event.commitTimeUs / 1_000n));
          } else if (event?.kind === 'commit') outbound.mark(event.endLsn);
          return outbound.room();
        },
      });
      this.stream = stream;
      this.outbound = outbound;
      this.phase = 'streaming';
      this.markStreaming();
      options.logger.info({ slot: options.slot, from: formatLsn(confirmedAtStart) }, 'cdc streaming');
      let failure: unknown;
      try {
        await stream.run();
      } catch (error) {
        failure = error;
      }
      await stream.stop();
      outbound.close();
      if (this.stopping) return;
      if (outbound.failed) throw outbound.failed;
      if (
        isCdcStreamError(failure) ||
        isCdcConfigError(failure) ||
        /^42/.test(String((failure as { code?: string })?.code))
      ) {
        throw failure;
      }
      await this.backoff(failure, nextDelay());
    }
  }

  /** After a restart: the positions the sink already holds, per topic (see `stored-mark.ts`). */
  private async storedFilter(confirmedAtStart: Lsn): Promise<StoredFilter | undefined> {
    const { options } = this;
    if (!options.readTopicTail) return undefined;
    const topics = options.tables.map((t) => options.topicFor(t.schema, t.table));
    const { marks, reasons } = await readMarks(
      topics,
      options.readTopicTail,
      options.serverName,
      options.tailTimeoutMs,
    );
    const shown = Object.fromEntries([...marks].map(([t, m]) => [t, { txId: m.txId, lsn: String(m.lsn) }]));
    options.logger.info({ marks: shown, unmarked: reasons }, 'cdc stored mark read');
    return marks.size > 0 ? new StoredFilter(marks, options.serverName, confirmedAtStart) : undefined;
  }

  /** True if the change is already stored; logs the count once every mark is passed. */
  private skipStored(filter: StoredFilter, records: readonly SinkRecord[]): boolean {
    const before = filter.skipped;
    const skip = filter.skip(records);
    if (filter.skipped > before) this.metrics.skippedAlreadyStored.inc(filter.skipped - before);
    if (!filter.active)
      this.options.logger.info({ skipped_already_stored: filter.skipped }, 'cdc passed the stored mark');
    return skip;
  }

  private async backoff(failure: unknown, delayMs: number): Promise<void> {
    this.phase = 'restarting';
    this.restarts += 1;
    this.metrics.reconnects.inc();
    this.lastError = errorMessage(failure);
    this.options.logger.warn({ err: failure, delayMs }, 'cdc stream failed; restarting from the slot');
    // A referenced timer (with the connections down it is what keeps a CLI process waiting to retry),
    // cut short by stop().
    await sleep(delayMs, { signal: this.abort.signal });
  }
}
