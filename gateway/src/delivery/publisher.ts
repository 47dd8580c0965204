import type { SinkRecord } from '@inlet/streams';

/**
 * What became of a publish: stored durably (by Kafka, by the spool while Kafka is away, or by the
 * local log when that is the sink), or not stored at all — then the client must keep its events
 * and retry after `retryAfterSeconds`.
 */
export type PublishResult =
  | { readonly ok: true; readonly via: 'kafka' | 'spool' | 'local' }
  | {
      readonly ok: false;
      readonly reason: 'spool-full' | 'unavailable' | 'shutting-down';
      readonly retryAfterSeconds: number;
      readonly message: string;
    };

export interface PublisherStatus {
  /** Writes can succeed now (readyz). */
  readonly ready: boolean;
  readonly sink: 'kafka' | 'local';
  readonly kafka?: 'connecting' | 'connected' | 'disconnected';
  readonly spool?: {
    readonly bytes: number;
    readonly quotaBytes: number;
    readonly oldestAgeMs: number | null;
  };
}

/**
 * The gateway's only way out. `publish` resolves once every record is durable, or with `ok: false`;
 * it never rejects for sink trouble. Concurrent calls may be coalesced into one produce request.
 */
export interface Publisher {
  publish(records: readonly SinkRecord[]): Promise<PublishResult>;
  status(): PublisherStatus;
  close(): Promise<void>;
}
