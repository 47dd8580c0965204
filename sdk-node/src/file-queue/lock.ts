import { PidFileLockedError, takePidFileLock } from '@inlet/schemas/pid-file-lock';
import { FileQueueError } from '../errors';

/**
 * Takes `<path>` as a lock file holding our pid, so two processes never write one journal. A lock
 * left by a process that died (SIGKILL, power loss) is taken over. Resolves with its release.
 */
export async function takeLock(path: string): Promise<() => Promise<void>> {
  try {
    const lock = await takePidFileLock(path);
    return () => lock.release();
  } catch (error) {
    if (!(error instanceof PidFileLockedError)) throw error;
    const { pid } = error;
    throw new FileQueueError(
      'locked',
      pid === process.pid
        ? `the queue file is already open in this process (lock ${path})`
        : pid !== undefined
          ? `the queue file is in use by process ${pid} (lock ${path}); give each process its own queue file`
          : `could not take the lock ${path}; remove it if no process uses the queue`,
      { cause: error },
    );
  }
}
