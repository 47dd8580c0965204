/// <reference types="node" />
/**
 * One writer per resource: a lock file holding the writer's pid. A lock left by a process that died
 * (SIGKILL, power cut) is taken over; one held by a live process, or already by this one, is refused.
 * Node-only, so it is the subpath `@inlet/schemas/pid-file-lock`, never part of the main index (the
 * browser bundles import that).
 */
// biome-ignore lint/correctness/noNodejsModules: a pid-file lock is Node-only (see above).
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
// biome-ignore lint/correctness/noNodejsModules: as above.
import { resolve } from 'node:path';

/** The lock is taken. `pid` is the holder: this process's own pid when it already holds the lock. */
export class PidFileLockedError extends Error {
  override readonly name = 'PidFileLockedError';
  /** The lock file, resolved. */
  readonly path: string;
  /** The live holder, or undefined when the lock kept changing hands and no attempt won it. */
  readonly pid: number | undefined;
  constructor(path: string, pid: number | undefined) {
    super(
      pid === undefined
        ? `could not take the lock ${path}: it kept changing hands`
        : `the lock ${path} is held by ${pid === process.pid ? 'this process' : `process ${pid}`}`,
    );
    this.path = path;
    this.pid = pid;
  }
}

export interface PidFileLock {
  /** Removes the lock file. Idempotent, and never throws: a lock left behind is a dead pid's, taken over. */
  release(): Promise<void>;
}

/** Tries before giving up: a stale lock taken over once, and a racing taker's lock judged afresh. */
const ATTEMPTS = 3;

/**
 * Lock files this process holds or is taking, each with the take that holds it (so a release from an
 * earlier take cannot remove a later one's file). A lock file carrying our own pid that is not here
 * is a previous life's (a restarted container is pid 1 again), not ours.
 */
const held = new Map<string, object>();

const isErrno = (error: unknown, code: string): boolean =>
  (error as { code?: unknown } | null)?.code === code;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return isErrno(error, 'EPERM');
  }
};

/** The pid a lock file names, or undefined when it is gone or holds anything but a pid. */
async function holderOf(path: string): Promise<number | undefined> {
  const text = (await readFile(path, 'utf8').catch(() => '')).trim();
  if (!/^\d+$/.test(text)) return undefined;
  const pid = Number(text);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * The pid is written to a private file first and linked into place, so the lock file appears whole
 * and a taker never reads a half-written one (which it would judge stale and delete).
 */
async function create(path: string): Promise<boolean> {
  const draft = `${path}.${process.pid}.tmp`;
  await writeFile(draft, `${process.pid}\n`);
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await unlink(draft).catch(() => {});
  }
}

/**
 * Takes the lock file at `path`. Rejects with `PidFileLockedError` when a live process (or this
 * one) holds it, or when it kept changing hands; with the file system's error when it cannot be
 * written at all.
 */
export async function takePidFileLock(path: string): Promise<PidFileLock> {
  const key = resolve(path);
  if (held.has(key)) throw new PidFileLockedError(key, process.pid);
  // Claimed before the first await, so two takes in this process cannot both win.
  const take = {};
  held.set(key, take);
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (await create(key)) return { release: () => release(key, take) };
      const pid = await holderOf(key);
      if (pid !== undefined && pid !== process.pid && isAlive(pid)) throw new PidFileLockedError(key, pid);
      await unlink(key).catch((error: unknown) => {
        if (!isErrno(error, 'ENOENT')) throw error;
      });
    }
    throw new PidFileLockedError(key, undefined);
  } catch (error) {
    held.delete(key);
    throw error;
  }
}

async function release(key: string, take: object): Promise<void> {
  if (held.get(key) !== take) return;
  held.delete(key);
  await unlink(key).catch(() => {});
}
