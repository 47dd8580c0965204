/** Helpers of the local log's tests: temp dirs, numbered JSON records, collecting a read (not exported). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SinkRecord, StoredRecord } from '../sink';

/** A fresh temporary directory and a function removing it. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'inlet-log-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** `n` JSON records `{ i }` for `topic`, keyed `k<i>`. */
export const jsonRecords = (topic: string, n: number, from = 0): SinkRecord[] =>
  Array.from({ length: n }, (_, j) => ({
    topic,
    key: `k${from + j}`,
    value: JSON.stringify({ i: from + j }),
    timestamp: 1_700_000_000_000 + from + j,
  }));

export const offsets = (records: readonly StoredRecord[]): number[] => records.map((r) => Number(r.offset));
