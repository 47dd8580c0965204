import { type AppendResult, type Sink, type SinkRecord, SinkRecordError } from '@inlet/streams';
import { MemorySink } from '@inlet/streams/testing';
import { describe, expect, it } from 'vitest';
import { Outbound } from './outbound';

const rec = (n: number): SinkRecord => ({ topic: 't', key: `k${n}`, value: `v${n}` });

/** A sink whose appends wait until the test lets them through. */
class GateSink implements Sink {
  readonly calls: SinkRecord[][] = [];
  private gates: (() => void)[] = [];
  append(records: readonly SinkRecord[]): Promise<AppendResult> {
    this.calls.push([...records]);
    return new Promise((resolve) => this.gates.push(() => resolve({ count: records.length, positions: [] })));
  }
  open(): void {
    this.gates.shift()?.();
  }
  ready = () => true;
  health = () => ({ kind: 'memory' as const, state: 'ready' as const, ready: true });
  close = async () => {};
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Outbound', () => {
  it('confirms a commit only after the sink acknowledged every record before it', async () => {
    const sink = new GateSink();
    const confirmed: bigint[] = [];
    const out = new Outbound({ sink, onConfirmed: (lsn) => confirmed.push(lsn) });
    out.push([rec(1), rec(2)], 1);
    out.mark(100n);
    out.push([rec(3)], 2);
    out.mark(200n);
    await tick();
    expect(confirmed).toEqual([]);
    sink.open(); // the first batch held what was queued when the pump started
    await tick();
    expect(sink.calls[0]?.map((r) => r.key)).toEqual(['k1', 'k2']);
    expect(confirmed).toEqual([100n]);
    sink.open();
    await out.drained();
    expect(confirmed).toEqual([100n, 200n]);
  });

  it('confirms an empty transaction (a heartbeat) at once when nothing is pending', () => {
    const confirmed: bigint[] = [];
    const out = new Outbound({ sink: new MemorySink(), onConfirmed: (lsn) => confirmed.push(lsn) });
    out.mark(42n);
    expect(confirmed).toEqual([42n]);
  });

  it('splits batches and releases a mark in the middle of one only when its batch is stored', async () => {
    const sink = new MemorySink();
    const confirmed: bigint[] = [];
    const out = new Outbound({ sink, maxBatchRecords: 2, onConfirmed: (lsn) => confirmed.push(lsn) });
    out.push([rec(1), rec(2), rec(3)], 1);
    out.mark(10n);
    out.push([rec(4), rec(5)], 1);
    out.mark(20n);
    await out.drained();
    expect(sink.appendCount).toBe(3);
    expect(sink.records('t').map((r) => r.key)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5']);
    expect(confirmed).toEqual([10n, 20n]);
    expect(out.lastConfirmed).toBe(20n);
  });

  it('keeps appends under the byte limit, a single larger record going alone', async () => {
    const sink = new MemorySink();
    const out = new Outbound({ sink, maxBatchBytes: 100, onConfirmed: () => {} });
    const sized = (n: number, bytes: number): SinkRecord => ({
      topic: 't',
      key: null,
      value: 'x'.repeat(bytes) + n,
    });
    out.push([sized(1, 40), sized(2, 40), sized(3, 40), sized(4, 500), sized(5, 10)], 1);
    await out.drained();
    expect(sink.appendCount).toBe(4); // [1,2] [3] [4] [5]
    expect(sink.records('t')).toHaveLength(5);
  });

  it('retries a retryable failure with the same batch: no gap, no reordering', async () => {
    const sink = new MemorySink();
    sink.failNext(undefined, 2);
    const confirmed: bigint[] = [];
    const retries: number[] = [];
    const out = new Outbound({
      sink,
      retryInitialMs: 1,
      onConfirmed: (lsn) => confirmed.push(lsn),
      onRetry: (_e, attempt) => retries.push(attempt),
    });
    out.push([rec(1), rec(2)], 1);
    out.mark(7n);
    await out.drained();
    expect(retries).toEqual([1, 2]);
    expect(sink.records('t').map((r) => r.key)).toEqual(['k1', 'k2']);
    expect(confirmed).toEqual([7n]);
  });

  it('stops without confirming when the sink refuses the records for good', async () => {
    const sink = new MemorySink();
    sink.failNext(new SinkRecordError('MESSAGE_TOO_LARGE', 'memory'));
    const confirmed: bigint[] = [];
    const fatal: Error[] = [];
    const out = new Outbound({ sink, onConfirmed: (l) => confirmed.push(l), onFatal: (e) => fatal.push(e) });
    out.push([rec(1)], 1);
    out.mark(5n);
    await out.drained();
    expect(confirmed).toEqual([]);
    expect(fatal[0]?.message).toMatch(/cannot take them later: MESSAGE_TOO_LARGE/);
    expect(out.failed).toBe(fatal[0]);
  });

  it('asks the stream to wait above the high-water mark and lets it go once half drained', async () => {
    const sink = new GateSink();
    const out = new Outbound({ sink, highWaterRecords: 4, maxBatchRecords: 3, onConfirmed: () => {} });
    out.push([rec(1), rec(2), rec(3), rec(4)], 1);
    const wait = out.room();
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait?.then(() => {
      released = true;
    });
    sink.open();
    await tick();
    expect(out.queued).toBe(1);
    expect(released).toBe(true);
    expect(out.room()).toBeUndefined();
  });

  it('reports commit times and ack time per appended batch', async () => {
    const batches: number[][] = [];
    const out = new Outbound({
      sink: new MemorySink(),
      now: () => 5_000,
      onConfirmed: () => {},
      onAppended: (b) => batches.push([...b.commitTimesMs, b.ackedAtMs]),
    });
    out.push([rec(1)], 1_000);
    out.push([rec(2)], 2_000);
    await out.drained();
    expect(batches.flat()).toEqual(expect.arrayContaining([1_000, 5_000]));
  });
});
