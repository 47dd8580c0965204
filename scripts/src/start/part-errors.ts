/** A part of `npm start` that could not start or stopped unexpectedly: which, why, and where its log is. */
export class PartStartError extends Error {
  override readonly name = 'PartStartError';
  constructor(
    readonly part: string,
    readonly reason: string,
    readonly lastLines: readonly string[] = [],
    readonly logFile?: string,
  ) {
    super(`${part}: ${reason}`);
  }
}

export const isPartStartError = (error: unknown): error is PartStartError =>
  error instanceof Error && error.name === 'PartStartError';

/** The report a person reads: one line naming the part and why, its last log lines, where the log is. */
export function formatPartFailure(error: PartStartError): string {
  const lines = [`✖ ${error.part}: ${error.reason}`];
  if (error.lastLines.length) lines.push(...error.lastLines.map((line) => `    │ ${line}`));
  if (error.logFile) lines.push(`    full log: ${error.logFile}`);
  return lines.join('\n');
}
