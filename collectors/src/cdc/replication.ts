/**
 * The replication connection, through pg-logical-replication: START_REPLICATION on the slot with pgoutput
 * (protocol 1, logical messages on, for our heartbeats), flow control on (the socket pauses while our
 * handler's promise is pending), and acknowledgement entirely ours:
 * - `acknowledge: { auto: false, timeoutSeconds: 0 }` — otherwise the library periodically confirms
 *   the last RECEIVED position, advancing the slot past changes Kafka never stored;
 * - keepalives that ask for a reply, and a timer every `statusIntervalMs`, report the last CONFIRMED
 *   position (so `wal_sender_timeout` never fires, even while the socket is paused).
 * The library's `acknowledge(lsn)` reports `lsn + 1`: we pass `confirmed - 1`.
 */
import type { Socket } from 'node:net';
import { LogicalReplicationService, type Pgoutput, PgoutputPlugin } from 'pg-logical-replication';
import { formatLsn, type Lsn } from './lsn';
import { clientConfig } from './pg-connect';

/** pgoutput, keeping every column as text (the library would run pg's global type parsers on it). */
class TextPgoutputPlugin extends PgoutputPlugin {
  override parse(buffer: Buffer): Pgoutput.Message {
    const message = super.parse(buffer);
    // Relation objects are cached by the parser and used for the tuples that follow: make them text-only.
    if (message.tag === 'relation')
      for (const column of message.columns) column.parser = (raw: unknown) => raw;
    return message;
  }
}

export interface ReplicationStreamOptions {
  readonly url: string;
  readonly slot: string;
  readonly publication: string;
  /** The slot's confirmed position when streaming starts (never report less). */
  readonly confirmed: Lsn;
  /** Each message in stream order; a returned promise pauses the stream until it settles. */
  readonly onMessage: (headerLsn: string, message: Pgoutput.Message) => Promise<void> | undefined;
  /** Default 10 000 ms. */
  readonly statusIntervalMs?: number;
}

export class ReplicationStream {
  private readonly service: LogicalReplicationService;
  private confirmed: Lsn;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private failure: unknown;
  private stopped: () => void = () => {};

  constructor(private readonly options: ReplicationStreamOptions) {
    this.confirmed = options.confirmed;
    this.service = new LogicalReplicationService(clientConfig(options.url, { replication: true }), {
      acknowledge: { auto: false, timeoutSeconds: 0 },
      flowControl: { enabled: true },
    });
  }

  /** Streams until `stop()` (resolves) or a failure (rejects). */
  async run(): Promise<void> {
    const plugin = new TextPgoutputPlugin({
      protoVersion: 1,
      publicationNames: [this.options.publication],
      messages: true,
    });
    const failed = new Promise<never>((_, reject) => {
      this.service.on('error', (error: Error) => {
        this.failure ??= error;
        if (!this.stopping) reject(error);
      });
    });
    failed.catch(() => {});
    // stop() ends run() even if the library leaves the START_REPLICATION query pending.
    const stopped = new Promise<void>((resolve) => {
      this.stopped = resolve;
    });
    this.service.on('data', (lsn: string, message: Pgoutput.Message) => {
      if (this.failure !== undefined) return undefined;
      return this.options.onMessage(lsn, message);
    });
    this.service.on('heartbeat', (_lsn: string, _ts: number, shouldRespond: boolean) => {
      if (shouldRespond) this.sendStatus();
    });
    this.service.on('start', () => this.sendStatus());
    this.timer = setInterval(() => this.sendStatus(), this.options.statusIntervalMs ?? 10_000);
    this.timer.unref();
    try {
      // 0/0: start from the slot's confirmed_flush_lsn, whatever the library last received.
      await Promise.race([this.service.subscribe(plugin, this.options.slot, '0/0'), failed, stopped]);
      if (!this.stopping) throw new Error('the replication stream ended');
    } finally {
      clearInterval(this.timer);
    }
  }

  /** The sink stored everything up to `lsn`: let the slot forget it. */
  confirm(lsn: Lsn): void {
    if (lsn <= this.confirmed) return;
    this.confirmed = lsn;
    this.sendStatus();
  }

  get lastConfirmed(): Lsn {
    return this.confirmed;
  }

  /** Fails the stream from outside (a handler error); `run()` rejects with it. */
  fail(error: Error): void {
    this.failure ??= error;
    this.service.emit('error', error);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    // With flow control the library may have paused the socket and, once stopping, never resumes it: the
    // server's end of the connection is then never read and client.end() waits forever. Resume it, and
    // destroy it if it still has not closed after a grace period.
    const socket = (this.service as unknown as { _connection?: { stream?: Partial<Socket> } })._connection
      ?.stream;
    socket?.resume?.();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.service.stop().catch(() => {}),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 2_000);
      }),
    ]);
    clearTimeout(timer);
    socket?.destroy?.();
    this.stopped();
  }

  private sendStatus(): void {
    if (this.confirmed <= 0n || this.service.isStop()) return;
    void this.service.acknowledge(formatLsn(this.confirmed - 1n)).catch(() => {});
  }
}
