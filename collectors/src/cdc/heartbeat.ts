/**
 * Heartbeats: every interval, a transactional `pg_logical_emit_message` with our prefix. It reaches the
 * stream as an empty transaction whose commit the collector confirms like any other, so the slot keeps
 * advancing (and WAL is recycled) while the captured tables are idle and the rest of the database writes
 * — what Debezium's `heartbeat.interval.ms` + `heartbeat.action.query` do. The same tick refreshes the
 * slot metrics.
 */
import type pg from 'pg';
import { HEARTBEAT_PREFIX } from './decoder';
import { connect } from './pg-connect';

export interface HeartbeatOptions {
  readonly url: string;
  readonly slot: string;
  /** 0 disables the message (the tick still runs every 15 s for metrics). */
  readonly intervalMs: number;
  /** Runs after each tick on the heartbeat connection (metrics). */
  readonly onTick?: (client: pg.Client) => Promise<void>;
  readonly onError?: (error: unknown) => void;
}

export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private client: pg.Client | undefined;
  private current: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: HeartbeatOptions) {}

  start(): void {
    if (this.timer || this.stopped) return;
    const period = this.options.intervalMs > 0 ? this.options.intervalMs : 15_000;
    this.timer = setInterval(() => void this.tick(), period);
    this.timer.unref();
    void this.tick();
  }

  /** One heartbeat now (skipped while one is running). */
  async tick(): Promise<void> {
    if (this.current || this.stopped) return;
    this.current = this.beat().finally(() => {
      this.current = undefined;
    });
    await this.current;
  }

  private async beat(): Promise<void> {
    try {
      const client = this.client ?? (await connect(this.options.url));
      this.client = client;
      if (this.stopped) return;
      if (this.options.intervalMs > 0) {
        await client.query('SELECT pg_logical_emit_message(true, $1, $2)', [
          HEARTBEAT_PREFIX,
          this.options.slot,
        ]);
      }
      await this.options.onTick?.(client);
    } catch (error) {
      this.options.onError?.(error);
      // Reconnect on the next tick.
      await this.client?.end().catch(() => {});
      this.client = undefined;
    }
  }

  /** Stops the timer, waits for a beat in flight and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.current;
    await this.client?.end().catch(() => {});
    this.client = undefined;
  }
}
