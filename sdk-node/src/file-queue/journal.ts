import { type FileHandle, open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { QueuedEvent } from '@inlet/sdk-core';
import { FileQueueError } from '../errors';

/**
 * One journal line: a push (with the ids it evicted), a remove, an update of attempt counts and
 * backoffs, or a clear. Replaying the lines in order rebuilds the queue.
 */
export type JournalOp =
  | { readonly p: readonly QueuedEvent[]; readonly d?: readonly string[] }
  | { readonly r: readonly string[] }
  | { readonly u: readonly (readonly [id: string, attempts: number, notBefore: number | null])[] }
  | { readonly c: 1 };

export interface Recovered {
  readonly entries: Map<string, QueuedEvent>;
  /** Bytes of the journal that replayed cleanly. */
  readonly bytes: number;
  /** Bytes cut off the end: a write the crash interrupted (never acknowledged to the caller). */
  readonly truncatedBytes: number;
}

/** Applies one op to the queue in memory. Updates of ids no longer held are ignored. */
export function applyOp(entries: Map<string, QueuedEvent>, op: JournalOp): void {
  if ('p' in op) {
    for (const id of op.d ?? []) entries.delete(id);
    for (const e of op.p) entries.set(e.id, e);
  } else if ('r' in op) {
    for (const id of op.r) entries.delete(id);
  } else if ('u' in op) {
    for (const [id, attempts, notBefore] of op.u) {
      const e = entries.get(id);
      if (!e) continue;
      const { notBefore: _old, ...rest } = e;
      entries.set(id, notBefore === null ? { ...rest, attempts } : { ...rest, attempts, notBefore });
    }
  } else entries.clear();
}

/** Replays the journal at `path` (missing: empty) up to the first torn or unreadable line. */
export async function recover(path: string): Promise<Recovered> {
  const entries = new Map<string, QueuedEvent>();
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries, bytes: 0, truncatedBytes: 0 };
    throw error;
  }
  let at = 0;
  for (;;) {
    const end = data.indexOf(10, at);
    if (end < 0) break;
    let op: JournalOp;
    try {
      op = JSON.parse(data.toString('utf8', at, end));
    } catch {
      break;
    }
    if (typeof op !== 'object' || op === null) break;
    applyOp(entries, op);
    at = end + 1;
  }
  return { entries, bytes: at, truncatedBytes: data.length - at };
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The append side: lines queue while a write + fdatasync runs, and the next write takes them all
 * (group commit), so N concurrent callers cost one fsync. `compact` rewrites the file from a
 * snapshot between two writes: a temporary file, fsync, rename, fsync of the directory.
 */
export class Journal {
  private pending: string[] = [];
  private waiters: Waiter[] = [];
  private writing: Promise<void> | undefined;
  private snapshot: (() => string[]) | undefined;
  private failure: unknown;

  private constructor(
    private handle: FileHandle,
    readonly path: string,
    private readonly fsync: boolean,
    /** Bytes in the file now. */
    public bytes: number,
  ) {}

  /** Cuts a torn tail off and opens for appending. */
  static async open(path: string, recovered: Recovered, fsync: boolean): Promise<Journal> {
    await rm(`${path}.compact`, { force: true });
    if (recovered.truncatedBytes) await truncate(path, recovered.bytes);
    const handle = await open(path, 'a');
    if (recovered.truncatedBytes && fsync) await handle.datasync();
    return new Journal(handle, path, fsync, recovered.bytes);
  }

  /** Resolves once the op is in the file (and fsynced, unless fsync is off). */
  append(op: JournalOp): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.pending.push(`${JSON.stringify(op)}\n`);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.writing ??= this.run();
    return done;
  }

  /**
   * Rewrites the journal as `lines()`, called when the rewrite starts: the queue as it is in
   * memory then, which already holds every op still waiting to be written, so those are dropped.
   */
  compact(lines: () => string[]): Promise<void> {
    if (this.failure) return Promise.resolve();
    this.snapshot = lines;
    const done = new Promise<void>((resolve) => this.waiters.push({ resolve, reject: () => resolve() }));
    this.writing ??= this.run();
    return done;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Waits for queued writes, then closes the file. */
  async close(): Promise<void> {
    await this.writing;
    await this.handle.close();
  }

  private async run(): Promise<void> {
    while (this.pending.length || this.snapshot) {
      const lines = this.pending;
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        const snapshot = this.snapshot;
        this.snapshot = undefined;
        if (snapshot) await this.rewrite(snapshot());
        else {
          const text = lines.join('');
          await this.handle.write(text);
          if (this.fsync) await this.handle.datasync();
          this.bytes += Buffer.byteLength(text);
        }
        for (const w of waiters) w.resolve();
      } catch (error) {
        // After a failed write or fsync the file's state is unknown: stop writing (reopen to recover).
        this.failure = new FileQueueError('failed', `queue journal ${this.path}: ${String(error)}`, {
          cause: error,
        });
        for (const w of [...waiters, ...this.waiters]) w.reject(this.failure);
        this.pending = [];
        this.waiters = [];
      }
    }
    this.writing = undefined;
  }

  private async rewrite(lines: string[]): Promise<void> {
    const temporary = `${this.path}.compact`;
    const text = lines.join('');
    const out = await open(temporary, 'w');
    try {
      await out.write(text);
      if (this.fsync) await out.datasync();
    } finally {
      await out.close();
    }
    await rename(temporary, this.path);
    if (this.fsync) await syncDir(dirname(this.path));
    await this.handle.close();
    this.handle = await open(this.path, 'a');
    this.bytes = Buffer.byteLength(text);
  }
}

/** Makes a rename or a new file durable: fsync of the directory that holds it. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
