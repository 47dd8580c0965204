/** Test helpers: a Kafka stand-in whose appends can be held back or refused, and a condition poller. */
import type { AppendResult, Sink, SinkHealth, SinkRecord } from '@inlet/streams';
import { MemorySink } from '@inlet/streams/testing';

/** A `MemorySink` whose appends wait while `held` (released by `release()`), and may be refused per record. */
export class ControlledSink implements Sink {
  readonly memory = new MemorySink();
  held = false;
  /** Throws this for any append containing a record it matches (e.g. a `SinkRecordError`). */
  refuse: ((record: SinkRecord) => Error | undefined) | undefined;
  private waiting: (() => void)[] = [];

  async append(records: readonly SinkRecord[]): Promise<AppendResult> {
    while (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    for (const r of records) {
      const error = this.refuse?.(r);
      if (error) throw error;
    }
    return this.memory.append(records);
  }

  release(): void {
    this.held = false;
    for (const wake of this.waiting.splice(0)) wake();
  }

  ready(): boolean {
    return this.memory.ready();
  }

  health(): SinkHealth {
    return { ...this.memory.health(), connection: this.memory.ready() ? 'connected' : 'disconnected' };
  }

  /** Releases held appends; the memory stays open, so a test can hand the sink to a second publisher. */
  async close(): Promise<void> {
    this.release();
  }

  /** Values stored so far, in order. */
  values(topic: string): string[] {
    return this.memory.records(topic).map((r) => String(r.value));
  }
}

/** Polls `condition` every few ms until it holds; fails after `timeoutMs` with `what`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
