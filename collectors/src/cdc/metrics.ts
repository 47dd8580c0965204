/**
 * The collector's Prometheus metrics (its own registry, never prom-client's global one) and a short
 * sliding window of produced events for the health endpoint's events/s.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppendedBatch } from './outbound';

export class CdcMetrics {
  readonly registry = new Registry();
  readonly produced = new Counter({
    name: 'inlet_cdc_events_total',
    help: 'Change events (tombstones included) acknowledged by the sink',
    registers: [this.registry],
  });
  readonly decoded = new Counter({
    name: 'inlet_cdc_changes_decoded_total',
    help: 'Row changes decoded from the WAL or read by the snapshot, by op',
    labelNames: ['op'] as const,
    registers: [this.registry],
  });
  readonly lag = new Histogram({
    name: 'inlet_cdc_lag_seconds',
    help: 'Commit in PostgreSQL → acknowledged by the sink',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly retainedWal = new Gauge({
    name: 'inlet_cdc_slot_retained_wal_bytes',
    help: "WAL the replication slot keeps on the server's disk (current WAL position − restart_lsn)",
    registers: [this.registry],
  });
  readonly confirmedLsn = new Gauge({
    name: 'inlet_cdc_confirmed_lsn',
    help: 'Last LSN confirmed to the slot (every change before it is stored)',
    registers: [this.registry],
  });
  readonly sinkRetries = new Counter({
    name: 'inlet_cdc_sink_retries_total',
    help: 'Failed appends that were retried',
    registers: [this.registry],
  });
  readonly reconnects = new Counter({
    name: 'inlet_cdc_stream_restarts_total',
    help: 'Replication stream restarts after a failure',
    registers: [this.registry],
  });
  readonly skippedAlreadyStored = new Counter({
    name: 'inlet_cdc_skipped_already_stored_total',
    help: 'Change events not sent again after a restart because the sink already held them',
    registers: [this.registry],
  });

  private readonly window: { at: number; count: number }[] = [];
  private lastLagMs: number | undefined;

  /** Records an acknowledged append (events, lag per event). */
  appended(batch: AppendedBatch): void {
    this.produced.inc(batch.records.length);
    for (const commitMs of batch.commitTimesMs)
      this.lag.observe(Math.max(0, batch.ackedAtMs - commitMs) / 1_000);
    const last = batch.commitTimesMs.at(-1);
    if (last !== undefined) this.lastLagMs = Math.max(0, batch.ackedAtMs - last);
    this.window.push({ at: batch.ackedAtMs, count: batch.records.length });
    this.trim(batch.ackedAtMs);
  }

  /** Events per second over the last `windowMs`. */
  eventsPerSecond(nowMs: number, windowMs = 10_000): number {
    this.trim(nowMs, windowMs);
    return this.window.reduce((n, w) => n + w.count, 0) / (windowMs / 1_000);
  }

  /** Commit→ack lag of the newest acknowledged event, ms. */
  get latestLagMs(): number | undefined {
    return this.lastLagMs;
  }

  private trim(nowMs: number, windowMs = 10_000): void {
    while (this.window.length > 0 && (this.window[0]?.at ?? nowMs) < nowMs - windowMs) this.window.shift();
  }
}
