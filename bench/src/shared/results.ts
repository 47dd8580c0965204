/** bench/RESULTS.md: every bench appends its section (date, command, versions, table) here. */
import { existsSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const RESULTS = fileURLToPath(new URL('../../RESULTS.md', import.meta.url));

const HEADER =
  '# Benchmark results\n\nAppended by `npm run bench -- <name>` and `npm run size`; newest last.\n';

/** Appends `section`, creating the file with its header when it is missing. */
export async function appendResults(section: string): Promise<void> {
  if (!existsSync(RESULTS)) await writeFile(RESULTS, HEADER);
  await appendFile(RESULTS, section);
}

export interface PublishOptions {
  /** False under `--no-append`: print only. */
  readonly append: boolean;
  /** Print the section on stdout. Default true; false when the bench printed its tables as it went. */
  readonly print?: boolean;
}

/**
 * A bench's last step: the section on stdout, then appended to bench/RESULTS.md unless
 * `--no-append`, saying so on stderr (stdout keeps only results).
 */
export async function publishResults(
  section: string,
  { append, print = true }: PublishOptions,
): Promise<void> {
  if (print) process.stdout.write(`${section}\n`);
  if (!append) return;
  await appendResults(section);
  process.stderr.write(`appended to ${RESULTS}\n`);
}
