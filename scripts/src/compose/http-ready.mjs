#!/usr/bin/env node
// Compose health check for the Inlet image, which has node but neither curl nor wget:
// `node scripts/src/compose/http-ready.mjs <url>` exits 0 when GET <url> answers 2xx, else 1
// with the reason on stderr (`docker inspect` shows it). Plain JavaScript, so a check every few
// seconds costs one node start, not a TypeScript compile as well.
const TIMEOUT_MS = 3_000;

const url = process.argv[2];
if (url === undefined || !URL.canParse(url)) {
  process.stderr.write(
    'usage: node scripts/src/compose/http-ready.mjs <url>, e.g. http://127.0.0.1:8787/readyz\n',
  );
  process.exit(2);
}
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) {
    process.stderr.write(`${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}\n`);
    process.exit(1);
  }
} catch (error) {
  process.stderr.write(`${url} did not answer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
