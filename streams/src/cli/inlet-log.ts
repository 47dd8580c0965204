/** `inlet-log`: look into a local log from the shell. Read-only: safe while a gateway writes the log. */

import { stat } from 'node:fs/promises';
import { parseFlags, reportUsageError, UsageError } from '@inlet/schemas/cli';
import { isLogNotFoundError, isTopicNotFoundError, LogNotFoundError, TopicNotFoundError } from '../errors';
import { describeLocalLog, describeTopic } from '../local-log/inspect';
import { parseOffset, readLocalTopic } from '../local-log/reader';
import { logDir, topicDir } from '../local-log/segment';
import { formatRecord, formatTopicsTable } from './format';

export const USAGE = `Usage: inlet-log <command> [options]

Commands:
  topics                 list topics: records, bytes, segments, offsets, oldest record
  cat <topic>            print records as JSON lines, then exit
  tail <topic>           print new records as they arrive (Ctrl-C to stop)

Options:
  --data-dir <dir>       data directory holding log/ (default ./data)
  --from <offset>        first offset to print (cat: default the first; tail: default the end)
  --limit <n>            cat: stop after n records
  -h, --help             show this help
`;

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Stops `tail`. */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

const parse = (argv: readonly string[]) =>
  parseFlags(argv, {
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string', default: './data' },
      from: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });

async function assertLog(dataDir: string): Promise<void> {
  const isDir = await stat(logDir(dataDir)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new LogNotFoundError(logDir(dataDir));
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure, 2 bad usage). */
export async function runInletLog(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    const [command, topic, ...extra] = positionals;
    if (values.help || command === undefined) {
      io.stdout.write(USAGE);
      return values.help ? 0 : 2;
    }
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    const dataDir = values['data-dir'];
    const from = values.from === undefined ? undefined : parseOffset(values.from, '--from');
    const limit = values.limit === undefined ? undefined : parseOffset(values.limit, '--limit');
    if (command === 'topics') {
      if (topic !== undefined) throw new UsageError('topics takes no topic');
      io.stdout.write(formatTopicsTable(await describeLocalLog(dataDir), io.now?.() ?? Date.now()));
      return 0;
    }
    if (command !== 'cat' && command !== 'tail') throw new UsageError(`unknown command "${command}"`);
    if (topic === undefined) throw new UsageError(`${command} needs a topic: inlet-log ${command} <topic>`);
    if (command === 'tail' && limit !== undefined) throw new UsageError('--limit applies to cat only');
    await assertLog(dataDir);
    const start =
      from ?? (command === 'tail' ? (await describeTopicOrExplain(dataDir, topic)).nextOffset : 0);
    let printed = 0;
    if (limit === 0) return 0;
    const records = readLocalTopic(dataDir, topic, {
      fromOffset: start,
      follow: command === 'tail',
      ...(io.signal ? { signal: io.signal } : {}),
    });
    for await (const record of records) {
      io.stdout.write(formatRecord(record));
      if (++printed === limit) break;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RangeError) {
      return reportUsageError((text) => io.stderr.write(text), 'inlet-log', error.message, USAGE);
    }
    if (isTopicNotFoundError(error)) {
      const known = await knownTopics(argv);
      io.stderr.write(`inlet-log: ${error.message}\n${known}`);
      return 1;
    }
    if (isLogNotFoundError(error)) {
      io.stderr.write(`inlet-log: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(
      `inlet-log: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

async function describeTopicOrExplain(dataDir: string, topic: string) {
  const isDir = await stat(topicDir(dataDir, topic)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new TopicNotFoundError(topic, `the local log in ${logDir(dataDir)} has no such topic`);
  return describeTopic(dataDir, topic);
}

async function knownTopics(argv: readonly string[]): Promise<string> {
  try {
    const topics = await describeLocalLog(parse(argv).values['data-dir']);
    return topics.length === 0
      ? 'the log has no topics yet\n'
      : `topics in this log: ${topics.map((t) => t.topic).join(', ')}\n`;
  } catch {
    return '';
  }
}
