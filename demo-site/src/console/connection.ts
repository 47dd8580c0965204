/**
 * The SSE connection to the demo server: a snapshot on connect, then ticks. EventSource reconnects
 * by itself after errors (the server sets `retry`); the Reconnect button starts a fresh one at once.
 */
import type { Snapshot, Tick } from './model/protocol';

const RETRY_MS = 3_000;

export const CONNECTION_STATES = {
  connecting: 'connecting',
  live: 'live',
  reconnecting: 'reconnecting',
} as const;
export type ConnectionState = (typeof CONNECTION_STATES)[keyof typeof CONNECTION_STATES];

export interface ConnectionHandlers {
  snapshot(s: Snapshot): void;
  tick(t: Tick): void;
  state(s: ConnectionState): void;
}

export class ConsoleConnection {
  #source: EventSource | undefined;

  constructor(
    private readonly url: string,
    private readonly on: ConnectionHandlers,
  ) {}

  connect(): void {
    this.#source?.close();
    this.on.state('connecting');
    const source = new EventSource(this.url);
    this.#source = source;
    source.addEventListener('snapshot', (e) => {
      this.on.snapshot(JSON.parse((e as MessageEvent<string>).data) as Snapshot);
      this.on.state('live');
    });
    source.addEventListener('tick', (e) =>
      this.on.tick(JSON.parse((e as MessageEvent<string>).data) as Tick),
    );
    source.addEventListener('error', () => {
      if (this.#source !== source) return;
      this.on.state('reconnecting');
      // A refused stream (503 while the server starts or stops) is not retried by EventSource itself.
      if (source.readyState === EventSource.CLOSED)
        setTimeout(() => this.#source === source && this.connect(), RETRY_MS);
    });
  }

  close(): void {
    this.#source?.close();
    this.#source = undefined;
  }
}
