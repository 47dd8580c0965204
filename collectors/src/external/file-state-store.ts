/**
 * The default state store: `<dir>/state.json` written atomically (temp file, fsync, rename, fsync the
 * folder), `<dir>/runs.jsonl` appended and fsynced per run, and `<dir>/.lock` holding the writer's pid
 * so two collectors never share a state (a lock left by a dead process is taken over).
 */
import { constants } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { type PidFileLock, PidFileLockedError, takePidFileLock } from '@inlet/schemas/pid-file-lock';
import { StateLockedError } from './errors';
import { type CollectorState, emptyState, type RunFilter, type RunRecord, type StateStore } from './state';

const STATE = 'state.json';
const RUNS = 'runs.jsonl';
const LOCK = '.lock';

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Takes the folder's lock; a live holder (another process, or this one) is a `StateLockedError`. */
async function takeLock(dir: string): Promise<PidFileLock> {
  try {
    return await takePidFileLock(join(dir, LOCK));
  } catch (error) {
    if (error instanceof PidFileLockedError) throw new StateLockedError(dir, error.pid);
    throw error;
  }
}

/** Reads the run history without locking (safe while a scheduler writes it). */
export async function readRunHistory(dir: string, filter: RunFilter = {}): Promise<RunRecord[]> {
  let text: string;
  try {
    text = await readFile(join(dir, RUNS), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const runs: RunRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const run = JSON.parse(line) as RunRecord;
      if (filter.source === undefined || run.source === filter.source) runs.push(run);
    } catch {
      // A line torn by a crash mid-append: skip it.
    }
  }
  return filter.limit === undefined ? runs : runs.slice(-filter.limit);
}

export interface FileStateStoreOptions {
  /** Runs kept in runs.jsonl; older ones are dropped when it holds twice as many. Default: 10 000. */
  maxRuns?: number;
}

export class FileStateStore implements StateStore {
  #appended = 0;
  #closed = false;
  private constructor(
    readonly dir: string,
    private readonly maxRuns: number,
    private readonly lock: PidFileLock,
  ) {}

  /** Creates the folder if needed and takes its lock. */
  static async open(dir: string, options: FileStateStoreOptions = {}): Promise<FileStateStore> {
    await mkdir(dir, { recursive: true });
    const lock = await takeLock(dir);
    const store = new FileStateStore(dir, options.maxRuns ?? 10_000, lock);
    store.#appended = (await readRunHistory(dir)).length;
    // A crash mid-append leaves a line without its newline: end it, so the next run starts clean.
    const text = await readFile(join(dir, RUNS), 'utf8').catch(() => '');
    if (text !== '' && !text.endsWith('\n')) await store.#append('\n');
    return store;
  }

  async load(): Promise<CollectorState> {
    try {
      const state = JSON.parse(await readFile(join(this.dir, STATE), 'utf8')) as CollectorState;
      if (state.version !== 1 || typeof state.sources !== 'object') {
        throw new Error(`${join(this.dir, STATE)}: unknown state version ${String(state.version)}`);
      }
      return state;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
      throw error;
    }
  }

  async save(state: CollectorState): Promise<void> {
    await this.#atomicWrite(STATE, JSON.stringify(state));
  }

  async #append(text: string): Promise<void> {
    const handle = await open(join(this.dir, RUNS), 'a');
    try {
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async appendRun(run: RunRecord): Promise<void> {
    await this.#append(`${JSON.stringify(run)}\n`);
    if (++this.#appended > 2 * this.maxRuns) {
      const kept = await readRunHistory(this.dir, { limit: this.maxRuns });
      await this.#atomicWrite(RUNS, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
      this.#appended = kept.length;
    }
  }

  readRuns(filter: RunFilter = {}): Promise<RunRecord[]> {
    return readRunHistory(this.dir, filter);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.lock.release();
  }

  async #atomicWrite(name: string, text: string): Promise<void> {
    const tmp = join(this.dir, `.${name}.${process.pid}.tmp`);
    const handle = await open(tmp, 'w');
    try {
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, join(this.dir, name));
    await fsyncDir(this.dir);
  }
}
