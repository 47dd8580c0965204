import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reachableByOthers, reachableDataDir, reachableRoot } from './reachable-install';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('reachableByOthers', () => {
  it('is false below a folder without o+x (a home folder of mode 0700), true otherwise', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'inlet-reach-'));
    made.push(base);
    await chmod(base, 0o755);
    const open = path.join(base, 'open', 'data');
    const closed = path.join(base, 'home', 'clone', 'data');
    await mkdir(open, { recursive: true });
    await mkdir(closed, { recursive: true });
    await chmod(path.join(base, 'home'), 0o700);
    expect(await reachableByOthers(open)).toBe(true);
    expect(await reachableByOthers(closed)).toBe(false);
    // A folder not made yet is judged by the folders above it.
    expect(await reachableByOthers(path.join(base, 'open', 'later', 'pg'))).toBe(true);
    expect(await reachableByOthers(path.join(base, 'home', 'later'))).toBe(false);
  });
});

describe('reachableDataDir', () => {
  it('keys the stand-in folder by project and data folder, so a later run finds its data again', () => {
    const a = reachableDataDir('/root/inlet', '/root/inlet/data/postgres');
    expect(a).toBe(reachableDataDir('/root/inlet', '/root/inlet/data/../data/postgres'));
    expect(a.startsWith(reachableRoot('/root/inlet'))).toBe(true);
    expect(path.basename(a)).toMatch(/^postgres-[0-9a-f]{12}$/);
    expect(a).not.toBe(reachableDataDir('/root/inlet', '/root/other/data/postgres'));
    expect(reachableRoot('/root/inlet')).not.toBe(reachableRoot('/home/me/inlet'));
  });
});
