import type { SinkRecord, StoredRecord } from '@inlet/streams';
import { describe, expect, it } from 'vitest';
import {
  alreadyStored,
  atOrBefore,
  positionOf,
  StoredFilter,
  type StreamPosition,
  topicMark,
} from './stored-mark';

const value = (txId: number, last: bigint | null, lsn: bigint, op = 'c', name = 'inlet') =>
  JSON.stringify({
    op,
    source: {
      name,
      txId,
      lsn: Number(lsn),
      sequence: JSON.stringify([last === null ? null : String(last), String(lsn)]),
    },
  });
const pos = (txId: number, lastCommit: bigint | undefined, lsn: bigint): StreamPosition => ({
  txId,
  lastCommit,
  lsn,
});
const stored = (partition: number, v: string | null): StoredRecord => ({
  topic: 't',
  partition,
  offset: '0',
  key: '{"id":1}',
  headers: {},
  timestamp: 0,
  value: v,
});
const change = (v: string, tombstone = false): SinkRecord[] => [
  { topic: 't', key: '{"id":1}', value: v },
  ...(tombstone ? [{ topic: 't', key: '{"id":1}', value: null }] : []),
];

describe('positionOf', () => {
  it('reads txId, last commit and LSN from source.sequence', () => {
    expect(positionOf(value(7, 100n, 150n), 'inlet')).toEqual(pos(7, 100n, 150n));
    expect(positionOf(value(7, null, 150n), 'inlet')).toEqual(pos(7, undefined, 150n));
  });
  it('ignores other servers, snapshot reads, tombstones and junk', () => {
    expect(positionOf(value(7, 100n, 150n, 'c', 'other'), 'inlet')).toBeUndefined();
    expect(positionOf(value(7, 100n, 150n, 'r'), 'inlet')).toBeUndefined();
    expect(positionOf(null, 'inlet')).toBeUndefined();
    expect(positionOf('{not json', 'inlet')).toBeUndefined();
  });
});

describe('position comparison', () => {
  it('orders by last commit, then LSN within a transaction', () => {
    expect(atOrBefore(pos(1, 100n, 150n), pos(2, 200n, 120n))).toBe(true);
    expect(atOrBefore(pos(2, 200n, 120n), pos(1, 100n, 150n))).toBe(false);
    expect(atOrBefore(pos(1, 100n, 150n), pos(1, 100n, 160n))).toBe(true);
    expect(atOrBefore(pos(1, 100n, 170n), pos(1, 100n, 160n))).toBe(false);
  });
  it('cannot order a first transaction (no last commit) against another one', () => {
    expect(atOrBefore(pos(1, undefined, 150n), pos(2, 200n, 120n))).toBeUndefined();
  });
  it('places the first transaction after a restart before marks whose last commit is past the start', () => {
    expect(alreadyStored(pos(5, undefined, 90n), pos(6, 120n, 130n), 100n)).toBe(true);
    expect(alreadyStored(pos(5, undefined, 90n), pos(4, 80n, 95n), 100n)).toBe(false);
    expect(alreadyStored(pos(5, undefined, 90n), pos(5, 80n, 95n), 100n)).toBe(true);
    expect(alreadyStored(pos(5, undefined, 99n), pos(5, 80n, 95n), 100n)).toBe(false);
    expect(alreadyStored(pos(6, 120n, 130n), pos(7, undefined, 95n), 100n)).toBe(false);
  });
});

describe('topicMark', () => {
  it('takes the earliest of the partitions’ last change events (a tombstone shows its delete)', () => {
    const tails = new Map([
      [0, [stored(0, value(3, 100n, 150n)), stored(0, value(4, 200n, 210n))]],
      [1, [stored(1, value(3, 100n, 160n, 'd')), stored(1, null)]],
    ]);
    expect(topicMark(tails, 'inlet')).toEqual({ mark: pos(3, 100n, 160n) });
  });
  it('gives no mark for an empty topic or a partition without a change event', () => {
    expect(topicMark(new Map(), 'inlet').mark).toBeUndefined();
    const tails = new Map([
      [0, [stored(0, value(3, 100n, 150n))]],
      [1, [stored(1, value(1, null, 10n, 'r'))]],
    ]);
    expect(topicMark(tails, 'inlet').reason).toMatch(/partition 1/);
  });
});

describe('StoredFilter', () => {
  it('skips changes up to the mark (with their tombstones), then stops looking', () => {
    const filter = new StoredFilter(new Map([['t', pos(6, 120n, 130n)]]), 'inlet', 100n);
    expect(filter.skip(change(value(5, null, 90n)))).toBe(true);
    expect(filter.skip(change(value(6, 120n, 125n, 'd'), true))).toBe(true);
    expect(filter.skip(change(value(6, 120n, 130n)))).toBe(true);
    expect(filter.active).toBe(false);
    expect(filter.skipped).toBe(3);
  });
  it('sends again a multi-event change that equals the mark, and everything after it', () => {
    const filter = new StoredFilter(new Map([['t', pos(6, 120n, 130n)]]), 'inlet', 100n);
    const pkChange: SinkRecord[] = [
      ...change(value(6, 120n, 130n, 'd'), true),
      ...change(value(6, 120n, 130n)),
    ];
    expect(filter.skip(pkChange)).toBe(false);
    expect(filter.active).toBe(false);
    expect(filter.skipped).toBe(0);
  });
  it('skips nothing for a topic without a mark', () => {
    const filter = new StoredFilter(new Map([['other', pos(6, 120n, 130n)]]), 'inlet', 100n);
    expect(filter.skip(change(value(5, null, 90n)))).toBe(false);
  });
});
