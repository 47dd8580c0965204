import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalLog } from '../local-log/local-log';
import type { StoredRecord } from '../sink';
import { jsonRecords, tempDir } from '../testing/local-log-records';
import { tailLocalLogs } from './local-tail';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}

describe('tailLocalLogs', () => {
  it('starts backlog records before the end, then follows new records of several logs', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const a = await openLocalLog({ dataDir: join(dir, 'gateway') });
    cleanups.push(() => a.close());
    await a.append(jsonRecords('t1', 10));
    const seen: StoredRecord[] = [];
    const tail = tailLocalLogs({
      dataDirs: [join(dir, 'gateway'), join(dir, 'cdc')],
      topics: ['t1', 't2'],
      backlog: 3,
      pollMs: 20,
      onRecord: (r) => seen.push(r),
    });
    cleanups.push(() => tail.close());
    await until(() => seen.length === 3);
    expect(seen.map((r) => r.offset)).toEqual(['7', '8', '9']);

    // A log created after the tail started (the CDC part starting later) is picked up.
    const b = await openLocalLog({ dataDir: join(dir, 'cdc') });
    cleanups.push(() => b.close());
    await b.append(jsonRecords('t2', 2));
    await a.append(jsonRecords('t1', 1, 10));
    await until(() => seen.length === 6);
    expect(seen.filter((r) => r.topic === 't2').map((r) => r.key)).toEqual(['k0', 'k1']);
    expect(seen.filter((r) => r.topic === 't1').at(-1)?.offset).toBe('10');
    expect(tail.status().following).toEqual(expect.arrayContaining(['t1', 't2']));
  });

  it('stops delivering after close', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const log = await openLocalLog({ dataDir: dir });
    cleanups.push(() => log.close());
    const seen: StoredRecord[] = [];
    const tail = tailLocalLogs({ dataDirs: [dir], topics: ['t'], pollMs: 20, onRecord: (r) => seen.push(r) });
    await log.append(jsonRecords('t', 1));
    await until(() => seen.length === 1);
    await tail.close();
    await log.append(jsonRecords('t', 2, 1));
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toHaveLength(1);
  });
});
