/**
 * What the workload committed, row by row: the reference a CDC consumer is checked against. A change is
 * identified by table, primary key, operation and the row's `version` after it (deletes by table and key:
 * a DEFAULT replica identity gives a delete only the key).
 */
import type { OltpTable } from './migrations';

export const ROW_OPS = ['c', 'u', 'd'] as const;
export type RowOp = (typeof ROW_OPS)[number];

export interface RowChange {
  readonly table: OltpTable | string;
  /** Primary key as decimal text. */
  readonly id: string;
  readonly op: RowOp;
  /** `version` after the change (1 on insert); for deletes, the version the row had. */
  readonly version: number;
}

export const changeId = (c: RowChange): string =>
  c.op === 'd' ? `${c.table}:${c.id}:d` : `${c.table}:${c.id}:${c.op}:${c.version}`;

/** Every change of committed transactions, in commit order. */
export class ChangeLedger {
  private readonly list: RowChange[] = [];

  record(changes: readonly RowChange[]): void {
    for (const change of changes) this.list.push(change);
  }

  get size(): number {
    return this.list.length;
  }

  changes(): readonly RowChange[] {
    return this.list;
  }
}

export interface LedgerComparison {
  /** Committed changes absent from the observed stream. */
  readonly missing: readonly RowChange[];
  /** Observed changes seen more than once (each extra copy counts one). */
  readonly duplicates: number;
  /** Observed changes the ledger does not know (other writers, snapshot reads excluded). */
  readonly unknown: number;
  readonly expected: number;
  readonly observed: number;
}

/** Compares a ledger with the changes a consumer saw (in any order). */
export function compareLedger(
  expected: readonly RowChange[],
  observed: readonly RowChange[],
): LedgerComparison {
  const seen = new Map<string, number>();
  for (const change of observed) {
    const id = changeId(change);
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  const known = new Set(expected.map(changeId));
  let duplicates = 0;
  let unknown = 0;
  for (const [id, count] of seen) {
    duplicates += count - 1;
    if (!known.has(id)) unknown += 1;
  }
  return {
    missing: expected.filter((c) => !seen.has(changeId(c))),
    duplicates,
    unknown,
    expected: expected.length,
    observed: observed.length,
  };
}
