import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalLog } from '@inlet/streams';
import { describe, expect, it } from 'vitest';
import { localLogTail, readMarks } from './stored-tail';

const event = (txId: number, lsn: number, op = 'c') =>
  JSON.stringify({
    op,
    source: { name: 'inlet', txId, lsn, sequence: JSON.stringify(['100', String(lsn)]) },
  });

describe('localLogTail', () => {
  it('reads the last two records of a local-log topic and gives its mark; a missing topic gets none', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'inlet-cdc-tail-'));
    try {
      const log = await openLocalLog({ dataDir });
      await log.append([
        { topic: 'cdc', key: '{"id":1}', value: event(5, 110) },
        { topic: 'cdc', key: '{"id":2}', value: event(5, 120, 'd') },
        { topic: 'cdc', key: '{"id":2}', value: null },
      ]);
      await log.close();
      const tail = await localLogTail(dataDir)('cdc', AbortSignal.timeout(5_000));
      expect([...tail.keys()]).toEqual([0]);
      expect(tail.get(0)?.map((r) => r.value === null)).toEqual([false, true]);
      const { marks, reasons } = await readMarks(['cdc', 'nope'], localLogTail(dataDir), 'inlet', 5_000);
      expect(marks.get('cdc')).toEqual({ txId: 5, lastCommit: 100n, lsn: 120n });
      expect(reasons.nope).toMatch(/not found/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
