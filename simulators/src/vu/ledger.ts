import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { EventType, TopicNames } from '@inlet/schemas';

/**
 * The ledger of a run, JSON lines: a header, then one line per event the SDK cores queued, with
 * the topic the gateway should put it on. Deliberately invalid events say so: they belong on the
 * dead-letter topic. The audit reconciles the topics against it.
 */
export interface LedgerHeader {
  readonly ledger: 1;
  /** Every messageId of the run starts with `<run>-`. */
  readonly run: string;
  readonly seed: number;
  readonly profile: string;
  readonly startedAt: string;
  readonly endpoint: string;
  readonly topics: TopicNames;
}

export interface LedgerEntry {
  readonly id: string;
  readonly type: EventType;
  readonly topic: string;
  readonly invalid?: true;
}

export interface LedgerWriter {
  write(entry: LedgerEntry): void;
  readonly lines: number;
  /** Writes what is buffered and closes the file. */
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;

export async function openLedger(path: string, header: LedgerHeader): Promise<LedgerWriter> {
  await mkdir(dirname(path), { recursive: true });
  const stream: WriteStream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  let buffer = `${JSON.stringify(header)}\n`;
  let lines = 0;
  return {
    write(entry) {
      buffer += `${JSON.stringify(entry)}\n`;
      lines++;
      if (buffer.length >= CHUNK) {
        stream.write(buffer);
        buffer = '';
      }
    },
    get lines() {
      return lines;
    },
    async close() {
      await new Promise<void>((resolve, reject) => {
        stream.end(buffer, () => (failure ? reject(failure) : resolve()));
      });
    },
  };
}

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
}

export const isLedgerError = (error: unknown): error is LedgerError =>
  error instanceof Error && error.name === 'LedgerError';

/** Reads a ledger: the header and every entry; throws a LedgerError naming the bad line. */
export async function readLedger(path: string): Promise<{ header: LedgerHeader; entries: LedgerEntry[] }> {
  let header: LedgerHeader | undefined;
  const entries: LedgerEntry[] = [];
  let n = 0;
  try {
    for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      n++;
      if (!line.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new LedgerError(`${path}:${n}: not JSON (was the run interrupted while writing it?)`);
      }
      const record = value as Partial<LedgerHeader & LedgerEntry>;
      if (!header) {
        if (record.ledger !== 1 || typeof record.run !== 'string' || typeof record.topics !== 'object') {
          throw new LedgerError(
            `${path}:1: not an inlet-sim ledger header (write one with inlet-sim run --ledger)`,
          );
        }
        header = record as LedgerHeader;
      } else if (typeof record.id === 'string' && typeof record.topic === 'string') {
        entries.push(record as LedgerEntry);
      } else throw new LedgerError(`${path}:${n}: expected {"id","type","topic"}, got ${line.slice(0, 80)}`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LedgerError(`no ledger at ${path}`);
    throw error;
  }
  if (!header) throw new LedgerError(`${path} is empty: no ledger header`);
  return { header, entries };
}
