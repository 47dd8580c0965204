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
