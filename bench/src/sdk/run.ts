/**
 * `npm run bench -- sdk`: the browser SDK's main-thread cost in headless Chromium (Debian's
 * binary, driven by playwright-core; no browser is downloaded), beside the anchors, each in its
 * own page of the same run and all sending to one local endpoint. Per SDK: the time inside each
 * `track()` call of a burst (p50, p99, mean), the page's main-thread busy time per event from a
 * Chrome trace over the burst and the 5 s after it, long tasks, and what reached the endpoint.
 * The table is printed and appended to bench/RESULTS.md with the date, command and versions.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from '@inlet/sdk-web/testing/chromium';
import { type BrowserContext, chromium } from 'playwright-core';
import { publishResults } from '../shared/results';
import { buildBaseline } from './baseline';
import { type BenchOptions, parseFlags } from './flags';
import { type Measurement, measure } from './measure';
import { packageCacheDir } from './packages';
import { selfTimes } from './profile';
import { duration, figures, type Row, ratios, resultsEntry, table } from './report';
import { type BenchSdk, loadSdks } from './sdks';
import { type Endpoint, startEndpoint, startPageServer } from './servers';

/** Nothing but 127.0.0.1 resolves, so an SDK reaching for its vendor fails at once, visibly. */
const ARGS = [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

async function launch(executablePath: string) {
  const profile = await mkdtemp(join(tmpdir(), 'inlet-bench-sdk-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

async function chromiumVersion(context: BrowserContext): Promise<string> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  return product;
}

const loadText = (load: readonly number[]) => load.map((n) => n.toFixed(1)).join(', ');

const playwrightVersion = () =>
  (createRequire(import.meta.url)('playwright-core/package.json') as { version: string }).version;

function progress(round: number, m: Measurement & { errors: string[] }, verbose: boolean) {
  const f = figures(m);
  process.stderr.write(
    `  round ${round} ${m.sdk.key.padEnd(12)} p50 ${duration(f.p50)}, p99 ${duration(f.p99)}, busy ${duration(f.busyPerEvent)}/event (CPU ${duration(f.cpuPerEvent)}), ` +
      `${m.requests} requests, ${m.events}/${m.calls} events received` +
      `${m.crossOriginIsolated ? '' : ' (NOT cross-origin isolated: timer resolution 100 µs)'}\n`,
  );
  if (verbose) {
    process.stderr.write(
      `      burst ${Math.round(m.burstMs)} ms, ${m.bytes} bytes sent, ${m.tasks} main-thread tasks in the window\n`,
    );
    for (const [path, n] of m.paths) process.stderr.write(`      ${n} × ${path}\n`);
    for (const e of m.errors.slice(0, 5)) process.stderr.write(`      ${e}\n`);
  }
}

/** Writes the round's profile and prints its top functions by self time, per event. */
async function writeProfile(dir: string, round: number, m: Measurement) {
  if (!m.profile) return;
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${m.sdk.key}-round${round}.cpuprofile`);
  await writeFile(file, JSON.stringify(m.profile));
  process.stderr.write(`      profile ${file}; self time per event:\n`);
  for (const { where, ms } of selfTimes(m.profile, 25)) {
    process.stderr.write(`      ${duration(ms / m.calls).padStart(9)}  ${where}\n`);
  }
}

async function measureAll(
  sdks: readonly BenchSdk[],
  options: BenchOptions,
  executablePath: string,
  endpoint: Endpoint,
  pages: string,
): Promise<{ rows: Row[]; chromium: string; failures: string[] }> {
  const rows: Row[] = [];
  const failures: string[] = [];
  let version = '';
  for (let round = 1; round <= options.rounds; round++) {
    // A fresh profile per round; the order alternates so no SDK always runs on a warmer machine.
    const browser = await launch(executablePath);
    try {
      version ||= await chromiumVersion(browser.context);
      const order = round % 2 ? sdks : [...sdks].reverse();
      for (const sdk of order) {
        const calls = sdk.anchor ? options.anchorCalls : options.calls;
        try {
          const profile = options.cpuProfile !== undefined;
          const m = await measure(browser.context, pages, endpoint, sdk, { ...options, calls, profile });
          progress(round, m, options.verbose);
          if (options.cpuProfile && m.profile) await writeProfile(options.cpuProfile, round, m);
          rows.push({ round, m });
        } catch (error) {
          const message = `round ${round} ${sdk.key}: ${error instanceof Error ? error.message : String(error)}`;
          process.stderr.write(`  ${message}\n`);
          failures.push(message);
        }
      }
    } finally {
      await browser.close();
    }
  }
  const byKey = (r: Row) => sdks.indexOf(r.m.sdk) * 100 + r.round;
  return { rows: rows.sort((a, b) => byKey(a) - byKey(b)), chromium: version, failures };
}

export async function run(argv: readonly string[]): Promise<void> {
  const options = parseFlags(argv);
  const executablePath = chromiumPath({ ...process.env, CI: 'true' }); // no Chromium: fail, never skip
  if (!executablePath) throw new Error('Chromium not found');
  const started = Date.now();
  const loadAtStart = loadavg();
  // Profiles want names: then both Inlet builds are left unminified.
  const minify = !options.cpuProfile;
  const baseline =
    options.baseline === undefined ? undefined : await buildBaseline(options.baseline, { minify });
  const sdks = await loadSdks(options.only, packageCacheDir(), {
    minify,
    baseline,
    inletAttrs: options.inletAttrs,
  });
  const endpoint = await startEndpoint();
  const pages = await startPageServer(sdks, endpoint.origin);
  process.stderr.write(
    `bench sdk: ${options.rounds} rounds, ${options.calls} calls (anchors ${options.anchorCalls}), ` +
      `${options.perTask} per task, pages ${pages.origin}, endpoint ${endpoint.origin}\n`,
  );
  let result: Awaited<ReturnType<typeof measureAll>>;
  try {
    result = await measureAll(sdks, options, executablePath, endpoint, pages.origin);
  } finally {
    await pages.close();
    await endpoint.close();
  }
  const text = [table(result.rows), ...(baseline ? ['', ratios(result.rows)] : [])].join('\n');
  console.log(text);
  const seconds = Math.round((Date.now() - started) / 1000);
  const entry = resultsEntry({
    argv,
    options,
    sdks,
    table: text,
    failures: result.failures,
    versions: `${result.chromium} (\`${executablePath}\`, headless), playwright-core ${playwrightVersion()}, node ${process.version}`,
    machine: `${seconds} s. Load average ${loadText(loadAtStart)} at the start, ${loadText(loadavg())} at the end (${cpus().length} CPUs, shared)`,
  });
  await publishResults(entry, { append: options.append, print: false });
  if (result.failures.length) process.exitCode = 1;
}
