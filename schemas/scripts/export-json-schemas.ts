/**
 * Writes `schemas/json/<topic_name>.json` for every topic (default names) from the zod schemas.
 * Run with `npm run schemas:export` after changing a record schema; a test fails while the
 * committed files are stale.
 */
/// <reference types="node" />
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serialiseJsonSchema, topicJsonSchemas } from '../src/json-schema/export';

const outDir = fileURLToPath(new URL('../json/', import.meta.url));

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const schemas = topicJsonSchemas();
  const wanted = new Set(Object.keys(schemas).map((name) => `${name}.json`));
  // Files of topics that no longer exist would otherwise linger and look current.
  for (const file of await readdir(outDir)) {
    if (file.endsWith('.json') && !wanted.has(file)) await rm(join(outDir, file));
  }
  for (const [name, schema] of Object.entries(schemas)) {
    await writeFile(join(outDir, `${name}.json`), serialiseJsonSchema(schema));
  }
  process.stdout.write(`wrote ${wanted.size} JSON Schemas to ${outDir}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `export-json-schemas failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
