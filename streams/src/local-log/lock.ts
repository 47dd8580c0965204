/**
 * One writer per log directory: a `.lock` file holding the writer's pid. A lock left by a dead process
 * (SIGKILL, power cut) is taken over. Readers (the CLI) never lock.
 */
import { resolve } from 'node:path';
import { type PidFileLock, PidFileLockedError, takePidFileLock } from '@inlet/schemas/pid-file-lock';
import { LogLockedError } from '../errors';

export type DirLock = PidFileLock;

export async function lockDir(dir: string): Promise<DirLock> {
  try {
    return await takePidFileLock(resolve(dir, '.lock'));
  } catch (error) {
    if (error instanceof PidFileLockedError && error.pid !== undefined)
      throw new LogLockedError(dir, error.pid);
    throw error;
  }
}
