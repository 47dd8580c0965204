import { open, readFile, rm } from 'node:fs/promises';
import { FileQueueError } from '../errors';

/** Lock files this process holds: a second open of one queue in the same process is refused too. */
const held = new Set<string>();

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes `<path>` as a lock file holding our pid, so two processes never write one journal. A lock
 * left by a process that died (SIGKILL, power loss) is taken over. Resolves with its release.
 */
export async function takeLock(path: string): Promise<() => Promise<void>> {
  if (held.has(path)) {
    throw new FileQueueError('locked', `the queue file is already open in this process (lock ${path})`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      held.add(path);
      return async () => {
        held.delete(path);
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    // Our own pid on a lock we do not hold is a previous life's (containers restart as pid 1).
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new FileQueueError(
        'locked',
        `the queue file is in use by process ${pid} (lock ${path}); give each process its own queue file`,
      );
    }
    await rm(path, { force: true });
  }
  throw new FileQueueError(
    'locked',
    `could not take the lock ${path}; remove it if no process uses the queue`,
  );
}
