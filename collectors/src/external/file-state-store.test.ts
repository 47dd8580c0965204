import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStateLockedError } from './errors';
import { FileStateStore, readRunHistory } from './file-state-store';
import type { RunRecord } from './state';

const run = (n: number): RunRecord => ({
  runId: `r${n}`,
  source: n % 2 ? 'odd' : 'even',
  kind: 'scheduled',
  intervalStart: '2026-01-01T00:00:00.000Z',
  intervalEnd: '2026-01-01T00:01:00.000Z',
  status: 'success',
  records: n,
  deadLettered: 0,
  duplicates: 0,
  requests: 1,
  attempts: 1,
  startedAt: '2026-01-01T00:01:00.000Z',
  endedAt: '2026-01-01T00:01:00.100Z',
  durationMs: 100,
});

describe('FileStateStore', () => {
  it('saves atomically (no temp file left) and loads what it saved', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-ext-state-'));
    const store = await FileStateStore.open(dir);
    expect(await store.load()).toEqual({ version: 1, sources: {} });
    const state = {
      version: 1 as const,
      sources: { a: { cursors: { x: 'c' }, etags: {}, seen: { e: [1, 2] } } },
    };
    await store.save(state);
    expect(await store.load()).toEqual(state);
    expect((await readdir(dir)).sort()).toEqual(['.lock', 'state.json']);
    await store.close();
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('refuses a folder locked by a live process and takes over a dead one’s lock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-ext-lock-'));
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      await writeFile(join(dir, '.lock'), String(child.pid));
      const error = await FileStateStore.open(dir).catch((e: unknown) => e);
      expect(isStateLockedError(error) && error.pid).toBe(child.pid);
      expect(String(error)).toMatch(/in use by process \d+/);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((resolve) => child.once('exit', resolve));
    const store = await FileStateStore.open(dir);
    expect((await readFile(join(dir, '.lock'), 'utf8')).trim()).toBe(String(process.pid));
    await store.close();
  });

  it('appends runs, filters and limits them, skips a torn line, and trims the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-ext-runs-'));
    const store = await FileStateStore.open(dir, { maxRuns: 3 });
    for (let n = 1; n <= 4; n++) await store.appendRun(run(n));
    expect((await store.readRuns({ source: 'odd' })).map((r) => r.runId)).toEqual(['r1', 'r3']);
    expect((await store.readRuns({ limit: 2 })).map((r) => r.runId)).toEqual(['r3', 'r4']);
    await writeFile(
      join(dir, 'runs.jsonl'),
      `${await readFile(join(dir, 'runs.jsonl'), 'utf8')}{"runId":"torn`,
    );
    expect(await readRunHistory(dir)).toHaveLength(4);
    await store.close();
    const reopened = await FileStateStore.open(dir, { maxRuns: 3 });
    for (let n = 5; n <= 7; n++) await reopened.appendRun(run(n));
    expect((await readRunHistory(dir)).map((r) => r.runId)).toEqual(['r5', 'r6', 'r7']);
    await reopened.close();
  });
});
