import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { overCap, type QueuedEvent, type QueueStore } from '@inlet/sdk-core';
import { FileQueueError } from '../errors';
import { Journal, type JournalOp, recover } from './journal';
import { takeLock } from './lock';

export interface FileQueueOptions {
  /** The journal file (its directory is created; `<path>.lock` holds the writer's pid). Required. */
  path: string;
  /** Events held; the oldest are evicted beyond (counted `cap` by the core). @default 10_000 */
  maxEvents?: number;
  /** Bytes held (sum of the events' JSON sizes); the oldest are evicted beyond. @default 50_000_000 */
  maxBytes?: number;
  /** fdatasync after every write, so an acknowledged push survives power loss. @default true */
  fsync?: boolean;
  /** Rewrite the journal once it is this many times the size of what it holds… @default 4 */
  compactRatio?: number;
  /** …and at least this many bytes. @default 1_048_576 */
  compactMinBytes?: number;
}

export interface FileQueue extends QueueStore {
  readonly path: string;
  /** What opening found: events recovered, and bytes of a torn last write cut away. */
  readonly recovered: { readonly events: number; readonly truncatedBytes: number };
  /** Bytes in the journal file now. */
  journalBytes(): number;
  /** Rewrites the journal from the queue now (also done on its own; see `compactRatio`). */
  compact(): Promise<void>;
  /** Waits for pending writes, closes the file and releases the lock. The store is unusable after. */
  close(): Promise<void>;
}

const SNAPSHOT_CHUNK = 200;

/**
 * Removals and updates never reject: memory is the truth for this process, and the core must be
 * able to count what it settled. Once the journal failed, pushes reject (counted `store`), so the
 * loss of durability is reported; at worst a restart resends what was already delivered.
 */
const settled = (write: Promise<void>) => write.catch(() => {});

/**
 * A durable `QueueStore`: the queue lives in memory (a Map in arrival order, so `peek` answers at
 * once) and every change is appended to a journal file before the call resolves. Opening replays
 * the journal, cutting off a torn last line, so a crash loses no pushed event: at worst an event
 * whose removal was not yet written is sent again (the gateway deduplicates by messageId).
 */
export async function openFileQueue(options: FileQueueOptions): Promise<FileQueue> {
  const path = resolve(options.path);
  const maxEvents = options.maxEvents ?? 10_000;
  const maxBytes = options.maxBytes ?? 50_000_000;
  const ratio = options.compactRatio ?? 4;
  const minBytes = options.compactMinBytes ?? 1_048_576;
  await mkdir(dirname(path), { recursive: true });
  const release = await takeLock(`${path}.lock`);
  let journal: Journal;
  let entries: Map<string, QueuedEvent>;
  let truncatedBytes: number;
  try {
    const recovered = await recover(path);
    ({ entries, truncatedBytes } = recovered);
    journal = await Journal.open(path, recovered, options.fsync ?? true);
  } catch (error) {
    await release();
    throw error;
  }
  let bytes = 0;
  for (const e of entries.values()) bytes += e.bytes;
  let closed = false;
  let compacting: Promise<void> | undefined;

  const snapshot = () => {
    const all = [...entries.values()];
    const lines: string[] = [];
    for (let i = 0; i < all.length; i += SNAPSHOT_CHUNK) {
      lines.push(`${JSON.stringify({ p: all.slice(i, i + SNAPSHOT_CHUNK) })}\n`);
    }
    return lines;
  };
  const compact = () => {
    compacting ??= journal.compact(snapshot).finally(() => {
      compacting = undefined;
    });
    return compacting;
  };
  const write = (op: JournalOp) => {
    if (closed) return Promise.reject(new FileQueueError('closed', `queue ${path} is closed`));
    const written = journal.append(op);
    // Each event costs ~1.3× its bytes in a journal line; compact once the file is mostly history.
    if (!compacting && journal.bytes > Math.max(minBytes, ratio * 1.3 * bytes)) void compact();
    return written;
  };
  const remove = (ids: Iterable<string>) => {
    for (const id of ids) {
      const e = entries.get(id);
      if (e && entries.delete(id)) bytes -= e.bytes;
    }
  };

  return {
    path,
    recovered: { events: entries.size, truncatedBytes },
    journalBytes: () => journal.bytes,
    compact,
    async push(added) {
      for (const e of added) {
        remove([e.id]);
        entries.set(e.id, e);
        bytes += e.bytes;
      }
      const dropped = overCap(entries.values(), entries.size, bytes, maxEvents, maxBytes);
      const evicted = dropped.map((e) => e.id);
      remove(evicted);
      try {
        await write(evicted.length ? { p: added, d: evicted } : { p: added });
      } catch (error) {
        // Not durable: take them back out, or the core would both count them dropped and send them.
        remove(added.map((e) => e.id));
        throw error;
      }
      return { dropped };
    },
    async peek(limit) {
      const out: QueuedEvent[] = [];
      if (limit <= 0) return out;
      for (const e of entries.values()) {
        out.push(e);
        if (out.length >= limit) break;
      }
      return out;
    },
    async update(changed) {
      const held = changed.filter((e) => entries.has(e.id));
      if (!held.length) return;
      for (const e of held) entries.set(e.id, e);
      await settled(write({ u: held.map((e) => [e.id, e.attempts, e.notBefore ?? null] as const) }));
    },
    async remove(ids) {
      const held = ids.filter((id) => entries.has(id));
      if (!held.length) return;
      remove(held);
      await settled(write({ r: held }));
    },
    async size() {
      return entries.size;
    },
    async clear() {
      entries.clear();
      bytes = 0;
      await settled(write({ c: 1 }));
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await compacting;
        await journal.close();
      } finally {
        await release();
      }
    },
  };
}
