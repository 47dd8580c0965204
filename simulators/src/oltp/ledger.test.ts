import { describe, expect, it } from 'vitest';
import { ChangeLedger, changeId, compareLedger, type RowChange } from './ledger';

const c = (table: string, id: string, op: RowChange['op'], version: number): RowChange => ({
  table,
  id,
  op,
  version,
});

describe('compareLedger', () => {
  it('finds nothing missing when every change was observed, and counts duplicates', () => {
    const ledger = new ChangeLedger();
    ledger.record([c('users', '1', 'c', 1), c('users', '1', 'u', 2), c('users', '1', 'd', 2)]);
    const observed = [
      c('users', '1', 'c', 1),
      c('users', '1', 'u', 2),
      c('users', '1', 'u', 2),
      c('users', '1', 'd', 0),
    ];
    const result = compareLedger(ledger.changes(), observed);
    expect(result.missing).toEqual([]);
    expect(result.duplicates).toBe(1);
    expect(result.unknown).toBe(0);
    expect(result).toMatchObject({ expected: 3, observed: 4 });
  });

  it('reports a missing version and changes it does not know', () => {
    const result = compareLedger(
      [c('bookings', '7', 'c', 1), c('bookings', '7', 'u', 2), c('bookings', '7', 'u', 3)],
      [c('bookings', '7', 'c', 1), c('bookings', '7', 'u', 3), c('users', '9', 'c', 1)],
    );
    expect(result.missing).toEqual([c('bookings', '7', 'u', 2)]);
    expect(result.unknown).toBe(1);
  });

  it('identifies deletes by key only (a DEFAULT replica identity sends no version)', () => {
    expect(changeId(c('users', '3', 'd', 5))).toBe(changeId(c('users', '3', 'd', 0)));
    expect(changeId(c('users', '3', 'u', 5))).not.toBe(changeId(c('users', '3', 'u', 4)));
  });
});
