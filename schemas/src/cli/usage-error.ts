/** A bad command line: the CLI prints the message with its usage (or a `--help` hint) and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const isUsageError = (error: unknown): error is UsageError => error instanceof UsageError;

/** The exit code of a bad command line, in every Inlet CLI. */
export const USAGE_EXIT_CODE = 2;

/**
 * Writes `<program>: <message>`, then the usage text, or without one a hint to run `<program> --help`.
 * Returns the exit code of bad usage, so a CLI can `return reportUsageError(…)`.
 */
export function reportUsageError(
  write: (text: string) => unknown,
  program: string,
  message: string,
  usage?: string,
): typeof USAGE_EXIT_CODE {
  if (usage === undefined) write(`${program}: ${message}\nRun ${program} --help for usage.\n`);
  else write(`${program}: ${message}\n\n${usage}${usage.endsWith('\n') ? '' : '\n'}`);
  return USAGE_EXIT_CODE;
}
