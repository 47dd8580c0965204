/**
 * After the parts stopped and before Kafka does, `npm start` reconciles the virtual users' ledger with
 * the topics (`inlet-audit`), so Ctrl-C ends with the proof that nothing was lost — and the audit can
 * still read the run's own broker, which stops right after.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnManaged, stopManaged } from './managed-child';

const AUDIT_TIMEOUT_MS = 30_000;

export interface AuditOnStopOptions {
  readonly root: string;
  readonly ledger: string;
  /** Kafka's bootstrap list, or undefined to read the gateway's local log in `gatewayDir`. */
  readonly brokers: string | undefined;
  readonly gatewayDir: string;
  readonly logsDir: string;
}

/** Runs `inlet-audit`; resolves with its verdict line and where the full report is, or undefined without a ledger. */
export async function auditOnStop(
  options: AuditOnStopOptions,
): Promise<{ verdict: string; ok: boolean; logFile: string } | undefined> {
  if (!existsSync(options.ledger)) return undefined;
  const logFile = path.join(options.logsDir, 'audit.log');
  const source = options.brokers ? ['--brokers', options.brokers] : ['--data-dir', options.gatewayDir];
  const child = spawnManaged({
    name: 'audit',
    args: [path.join(options.root, 'simulators/bin/inlet-audit.mjs'), '--ledger', options.ledger, ...source],
    cwd: options.root,
    logFile,
  });
  const stopped = await Promise.race([
    child.exited,
    new Promise<'timeout'>((resolve) => setTimeout(resolve, AUDIT_TIMEOUT_MS, 'timeout').unref()),
  ]);
  if (stopped === 'timeout') {
    await stopManaged(child, 1_000);
    return { verdict: `no verdict within ${AUDIT_TIMEOUT_MS / 1_000} s`, ok: false, logFile };
  }
  const report = await readFile(logFile, 'utf8').catch(() => '');
  const verdict = /^verdict\s+(.*)$/m.exec(report)?.[1]?.trim() ?? child.lastLines().at(-1) ?? 'no output';
  return { verdict, ok: stopped.code === 0, logFile };
}
