import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalLog, silentLogger } from '@inlet/streams';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlledSink, waitFor } from '../testing/controlled-sink';
import { adoptSpools, orphanSpoolDirs } from './adopt-spools';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'inlet-gw-adopt-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('orphanSpoolDirs', () => {
  it('gives worker spools to a single process, and the root and surplus worker spools to slot 0 only', async () => {
    for (const d of ['spool', 'worker-0/spool', 'worker-1/spool', 'worker-2/spool', 'other']) {
      await mkdir(join(root, d), { recursive: true });
    }
    const q = { root, spoolDir: 'spool', workers: 2 };
    expect((await orphanSpoolDirs({ ...q, slot: undefined })).sort()).toEqual(
      ['worker-0/spool', 'worker-1/spool', 'worker-2/spool'].map((d) => join(root, d)),
    );
    expect((await orphanSpoolDirs({ ...q, slot: 0 })).sort()).toEqual([
      join(root, 'spool'),
      join(root, 'worker-2/spool'),
    ]);
    expect(await orphanSpoolDirs({ ...q, slot: 1 })).toEqual([]);
  });
});

describe('adoptSpools', () => {
  it('replays a leftover spool to Kafka in order and closes it once empty', async () => {
    const dir = join(root, 'worker-3', 'spool');
    const left = await openLocalLog({ dataDir: dir, logLevel: 'silent' });
    await left.append(['a', 'b', 'c'].map((value) => ({ topic: 't', key: 'k', value })));
    await left.close();
    const kafka = new ControlledSink();
    const adopted = await adoptSpools([dir, join(root, 'missing')], kafka, {
      positionsFile: 'replay-positions.json',
      logger: silentLogger,
      streamLogger: () => {},
    });
    await waitFor(() => kafka.values('t').length === 3, 'the leftover spool to be replayed');
    expect(kafka.values('t')).toEqual(['a', 'b', 'c']);
    await adopted.stop();
    // Closed: a new writer can take the directory.
    const reopened = await openLocalLog({ dataDir: dir, logLevel: 'silent' });
    expect(reopened.totalBytes()).toBe(0);
    await reopened.close();
  });
});
