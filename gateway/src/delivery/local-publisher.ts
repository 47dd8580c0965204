/**
 * `--sink local`: the local durable log is the destination. A publish resolves `via: 'local'` once its
 * records are written and fsynced (the log's group commit makes one fsync serve every waiting batch).
 */
import { errorMessage } from '@inlet/schemas';
import type { Sink, SinkRecord } from '@inlet/streams';
import { Coalescer } from './coalescer';
import type { Publisher, PublisherStatus, PublishResult } from './publisher';

export interface LocalPublisherOptions {
  /**
   * Gather concurrent publishes this long into one append, in ms. Default 0: publishes of one event-loop
   * turn share an append, and the log's group commit gathers the rest while an fsync runs.
   */
  readonly coalesceMs?: number;
  /** What a client is told to wait before retrying when the disk refuses writes, in s. Default 5. */
  readonly retryAfterSeconds?: number;
}

const STORED: PublishResult = { ok: true, via: 'local' };

export class LocalPublisher implements Publisher {
  private readonly coalescer: Coalescer<PublishResult>;
  private readonly retryAfterSeconds: number;
  private closing: Promise<void> | undefined;

  /** Takes ownership of `log` (usually a `LocalLog`): `close()` closes it. */
  constructor(
    private readonly log: Sink,
    options: LocalPublisherOptions = {},
  ) {
    this.retryAfterSeconds = options.retryAfterSeconds ?? 5;
    this.coalescer = new Coalescer((records) => this.store(records), { windowMs: options.coalesceMs ?? 0 });
  }

  publish(records: readonly SinkRecord[]): Promise<PublishResult> {
    if (this.closing) return Promise.resolve(shuttingDown());
    if (records.length === 0) return Promise.resolve(STORED);
    return this.coalescer.add(records);
  }

  status(): PublisherStatus {
    return { ready: this.closing === undefined && this.log.ready(), sink: 'local' };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.coalescer.drain();
      await this.log.close();
    })();
    return this.closing;
  }

  private async store(records: SinkRecord[]): Promise<PublishResult> {
    try {
      await this.log.append(records);
      return STORED;
    } catch (error) {
      const detail = errorMessage(error);
      return {
        ok: false,
        reason: 'unavailable',
        retryAfterSeconds: this.retryAfterSeconds,
        message: `the local log cannot store events: ${detail}`,
      };
    }
  }
}

export const shuttingDown = (): PublishResult => ({
  ok: false,
  reason: 'shutting-down',
  retryAfterSeconds: 1,
  message: 'the gateway is shutting down; retry (another instance may take the request)',
});
