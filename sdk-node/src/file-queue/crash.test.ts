import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileQueue } from './file-queue';

const CHILD = fileURLToPath(new URL('../testing/file-queue-crash-child.ts', import.meta.url));
const LINES_BEFORE_KILL = 1_500;

/** Runs the child until it printed `lines` lines, SIGKILLs it; returns the ids pushed and removed. */
async function runAndKill(path: string, prefix: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, prefix], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, s) => resolve(s)));
  const pushed = new Set<string>();
  const removed = new Set<string>();
  const removing = new Set<string>();
  let lines = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('+')) pushed.add(line.slice(1));
    else if (line.startsWith('-')) removed.add(line.slice(1));
    else if (line.startsWith('~')) removing.add(line.slice(1));
    if (++lines >= LINES_BEFORE_KILL) {
      child.kill('SIGKILL');
      break;
    }
  }
  expect(await exited).toBe('SIGKILL');
  return { pushed, removed, removing };
}

describe('file queue across a crash', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-fq-crash-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps every acknowledged push that no removal touched, and no acknowledged removal, after SIGKILL, twice', async () => {
    const path = join(dir, 'queue.jsonl');
    const acked = new Set<string>();
    for (const prefix of ['a', 'b']) {
      const { pushed, removed, removing } = await runAndKill(path, prefix);
      for (const id of pushed) {
        if (!removed.has(id)) acked.add(id);
      }
      for (const id of removed) acked.delete(id);
      // Reopening takes over the dead child's lock and cuts off a torn tail.
      const queue = await openFileQueue({ path });
      const held = new Set((await queue.peek(1e9)).map((e) => e.id));
      // Only a removal that had started may have taken an acknowledged push away.
      expect([...acked].filter((id) => !held.has(id) && !removing.has(id))).toEqual([]);
      for (const id of removing) if (!held.has(id)) acked.delete(id);
      // Nothing the child never made, and no acknowledged removal undone.
      expect([...held].filter((id) => !/^[ab]\d+$/.test(id))).toEqual([]);
      expect([...held].filter((id) => removed.has(id))).toEqual([]);
      await queue.close();
      expect(pushed.size).toBeGreaterThan(500);
    }
  });
});
