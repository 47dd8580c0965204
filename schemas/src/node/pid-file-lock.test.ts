/// <reference types="node" />
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PidFileLockedError, takePidFileLock } from './pid-file-lock';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inlet-pid-lock-'));
  path = join(dir, 'x.lock');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('takePidFileLock', () => {
  it('writes our pid, leaves no draft behind, and removes the file on release (once)', async () => {
    const lock = await takePidFileLock(path);
    expect(await readFile(path, 'utf8')).toBe(`${process.pid}\n`);
    expect(await readdir(dir)).toEqual(['x.lock']);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
    const again = await takePidFileLock(path);
    await lock.release(); // a stale handle must not remove the new holder's lock
    expect(await readFile(path, 'utf8')).toBe(`${process.pid}\n`);
    await again.release();
  });

  it('refuses a second take in this process, even a concurrent one', async () => {
    const [a, b] = await Promise.allSettled([takePidFileLock(path), takePidFileLock(`${dir}/./x.lock`)]);
    expect(a.status).toBe('fulfilled');
    expect(b.status === 'rejected' && b.reason).toMatchObject({
      name: 'PidFileLockedError',
      pid: process.pid,
    });
    if (a.status === 'fulfilled') await a.value.release();
  });

  it('refuses a lock held by another live process, naming it', async () => {
    await writeFile(path, `${process.ppid}\n`);
    const error = await refusal(takePidFileLock(path));
    expect(error).toBeInstanceOf(PidFileLockedError);
    expect(error).toMatchObject({ pid: process.ppid, path });
    expect(await readFile(path, 'utf8')).toBe(`${process.ppid}\n`);
  });

  it.each([
    ['a dead pid', `${2 ** 22 + 1}\n`],
    ["our own pid from a previous life (a restarted container's pid 1)", `${process.pid}\n`],
    ['an empty file', ''],
    ['garbage', 'not a pid'],
  ])('takes over a lock holding %s', async (_, content) => {
    await writeFile(path, content);
    const lock = await takePidFileLock(path);
    expect(await readFile(path, 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });

  it('fails with the file system error when the lock cannot be written', async () => {
    const nested = join(dir, 'missing', 'x.lock');
    const error = await refusal(takePidFileLock(nested));
    expect(error).toMatchObject({ code: 'ENOENT' });
    // The failed take is forgotten: the path can be taken once it can be written.
    await mkdir(join(dir, 'missing'));
    const lock = await takePidFileLock(nested);
    await lock.release();
  });
});
