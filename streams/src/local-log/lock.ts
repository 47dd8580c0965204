/**
 * One writer per log directory: a `.lock` file holding the writer's pid. A lock left by a dead process
 * (SIGKILL, power cut) is taken over. Readers (the CLI) never lock.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LogLockedError } from '../errors';
import { isErrno } from './segment';

// Directories this process holds: a stale lock carrying our own pid (a restarted container is pid 1
// again) must not be mistaken for a live holder.
const held = new Set<string>();

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
};

export interface DirLock {
  release(): Promise<void>;
}

export async function lockDir(dir: string): Promise<DirLock> {
  const key = resolve(dir);
  const path = resolve(dir, '.lock');
  if (held.has(key)) throw new LogLockedError(dir, process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if (!isErrno(error, 'EEXIST') || attempt > 0) throw error;
      const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid))
        throw new LogLockedError(dir, pid);
      await unlink(path).catch((e: unknown) => {
        if (!isErrno(e, 'ENOENT')) throw e;
      });
    }
  }
  held.add(key);
  return {
    async release() {
      if (!held.delete(key)) return;
      await unlink(path).catch(() => {});
    },
  };
}
