/** `inlet-audit`: reconciles a run's ledger with what the topics hold. */

import { writeFile } from 'node:fs/promises';
import { errorMessage } from '@inlet/schemas';
import { reportUsageError, tryParseFlags } from '@inlet/schemas/cli';
import { parseBrokerList } from '@inlet/streams';
import { STREAMS } from '../vu/journey';
import { isLedgerError, readLedger } from '../vu/ledger';
import { formatAudit } from './format';
import { readSightings, type TopicSource } from './read-topics';
import { reconcile } from './reconcile';

export const AUDIT_USAGE = `Usage: inlet-audit --ledger <file> (--brokers <host:port,…> | --data-dir <dir>) [--report <file>]

Reads the app topics and the dead-letter topic (Kafka, or a gateway's local log in --data-dir)
and reconciles them with the ledger an inlet-sim run wrote: delivered, lost, duplicated,
misrouted, unexpected; invalid events dead-lettered or wrongly accepted.

Exit codes: 0 nothing lost, 1 events lost (or the audit failed), 2 bad usage.`;

export interface AuditIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: AuditIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The audit's flags, or `'help'`, or what is wrong with them. */
export function parseAuditArgs(
  argv: readonly string[],
): { ledger: string; source: TopicSource; report?: string } | 'help' | string {
  const parsed = tryParseFlags(argv, {
    options: {
      ledger: { type: 'string' },
      brokers: { type: 'string' },
      'data-dir': { type: 'string' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (!parsed.ok) return parsed.message;
  const { ledger, brokers, report, help, 'data-dir': dataDir } = parsed.values;
  if (help) return 'help';
  if (!ledger) return '--ledger is required: the file inlet-sim run wrote (--ledger)';
  if ((brokers === undefined) === (dataDir === undefined))
    return 'give --brokers (Kafka) or --data-dir (local log), one of the two';
  if (brokers !== undefined) {
    const list = parseBrokerList(brokers);
    if (!list.ok) return `--brokers must be host:port[,host:port…], got "${list.entry ?? brokers}"`;
    return { ledger, source: { brokers: list.brokers }, ...(report ? { report } : {}) };
  }
  return { ledger, source: { dataDir: dataDir as string }, ...(report ? { report } : {}) };
}

/** Runs `inlet-audit <argv>`; resolves with the exit code. */
export async function runAudit(argv: readonly string[], io: AuditIo = processIo): Promise<number> {
  const args = parseAuditArgs(argv);
  if (args === 'help') {
    io.out(`${AUDIT_USAGE}\n`);
    return 0;
  }
  if (typeof args === 'string') return reportUsageError(io.err, 'inlet-audit', args, AUDIT_USAGE);
  try {
    const { header, entries } = await readLedger(args.ledger);
    const topics = [...STREAMS.map((s) => header.topics[s]), header.topics.deadLetter];
    const read = await readSightings(args.source, topics, `${header.run}-`);
    const result = reconcile(entries, read.sightings, header.topics.deadLetter);
    io.out(formatAudit(header.run, result, read.missingTopics));
    if (args.report)
      await writeFile(args.report, `${JSON.stringify({ run: header.run, ...result }, null, 2)}\n`);
    return result.ok ? 0 : 1;
  } catch (error) {
    io.err(`inlet-audit: ${errorMessage(error)}\n`);
    return isLedgerError(error) ? 2 : 1;
  }
}
