/**
 * The SDKs the benchmark loads, each in its own page: Inlet's IIFE, the anchors' script-tag
 * bundles from their npm packages, and a page with no SDK (the harness's own cost). Each page's
 * `<head>` loads the bundle and sets `window.__benchSdk = { ready, track(name, properties) }`,
 * with every endpoint or host the SDK has pointed at the local endpoint. Anything an SDK would
 * fetch from its vendor (settings, remote config, feature flags, plugins) is either given inline
 * or switched off, so nothing leaves 127.0.0.1.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildBundle } from '@inlet/sdk-web/bundles';
import { ANCHOR_BUNDLES } from '../size/anchors';
import type { Baseline } from './baseline';
import { unpackedPackage } from './packages';

export interface BenchSdk {
  /** Short name: the page path and the `--only` flag. */
  readonly key: string;
  readonly name: string;
  readonly version: string;
  /** An anchor (compared against), rather than Inlet or the empty page. */
  readonly anchor: boolean;
  /** What the page server serves for this SDK, by path. */
  readonly files: Readonly<Record<string, string>>;
  /** The page's `<head>` after the driver: the bundle and `window.__benchSdk`. */
  head(endpoint: string): string;
  /** How the SDK was configured, for the results. */
  readonly setup: string;
}

export const INLET_WRITE_KEY = 'wk_inlet_bench_01';
export const SDK_KEYS = [
  'none',
  'inlet',
  'inlet-memory',
  'snowplow',
  'posthog',
  'segment',
  'rudderstack',
] as const;
export type SdkKey = (typeof SDK_KEYS)[number];

const anchorVersion = (pkg: string): string => {
  const found = ANCHOR_BUNDLES.find((a) => a.pkg === pkg);
  if (!found) throw new Error(`no version of ${pkg} in bench/src/size/anchors.ts`);
  return found.version;
};

const script = (body: string) => `<script>${body}</script>`;

async function inletVersion(): Promise<string> {
  const pkg = await readFile(new URL('../../../sdk-web/package.json', import.meta.url), 'utf8');
  return (JSON.parse(pkg) as { version: string }).version;
}

function inlet(
  memory: boolean,
  iife: string,
  version: string,
  attrs: LoadOptions['inletAttrs'] = [],
  baseline?: Baseline,
): BenchSdk {
  const key = baseline ? 'inlet-baseline' : memory ? 'inlet-memory' : 'inlet';
  const extra = attrs.map(([name, value]) => ` ${name}="${value}"`).join('');
  // Beyond the write key and endpoint: the memory queue's switch and the `--inlet-attr` ones.
  const tagAttrs = (memory ? ' data-persistence="memory"' : '') + extra;
  const also = extra ? `; also \`${extra.trim()}\`` : '';
  return {
    key,
    name: baseline
      ? `Inlet at ${baseline.commit} (baseline)`
      : memory
        ? 'Inlet, memory queue (diagnostic)'
        : 'Inlet (@inlet/sdk-web)',
    version,
    anchor: false,
    files: { [`/sdk/${key}.js`]: iife },
    head: (endpoint) =>
      `<script src="/sdk/${key}.js" data-write-key="${INLET_WRITE_KEY}" data-endpoint="${endpoint}"${tagAttrs}></script>` +
      script(
        'window.__benchSdk = { ready: Promise.resolve(), track: (n, p) => inlet.track(n, p), stats: () => inlet.stats() };',
      ),
    setup:
      (baseline
        ? `the same IIFE built from \`${baseline.rev}\` (${baseline.commit}), defaults: the working tree's figures divided by these are the change's ratios`
        : memory
          ? 'the same with `data-persistence="memory"`: no IndexedDB, to show what the persistent queue costs'
          : 'the IIFE by `<script data-write-key data-endpoint>`, defaults (IndexedDB queue, autocapture on)') +
      also,
  };
}

async function anchor(
  pkg: string,
  name: string,
  key: SdkKey,
  file: string,
  cacheDir: string,
): Promise<{ dir: string; version: string; base: Omit<BenchSdk, 'head' | 'setup'> }> {
  const version = anchorVersion(pkg);
  const dir = await unpackedPackage(pkg, version, cacheDir);
  const base = {
    key,
    name,
    version,
    anchor: true,
    files: { [`/sdk/${key}.js`]: await readFile(join(dir, file), 'utf8') },
  };
  return { dir, version, base };
}

async function snowplow(cacheDir: string): Promise<BenchSdk> {
  const { base } = await anchor(
    '@snowplow/browser-tracker',
    'Snowplow browser tracker',
    'snowplow',
    'dist/index.umd.min.js',
    cacheDir,
  );
  return {
    ...base,
    head: (endpoint) =>
      `<script src="/sdk/snowplow.js"></script>${script(`
snowplowBrowserTracking.newTracker('sp', ${JSON.stringify(endpoint)}, { appId: 'inlet-bench', eventMethod: 'post', encodeBase64: false });
window.__benchSdk = { ready: Promise.resolve(), track: (n, p) => snowplowBrowserTracking.trackSelfDescribingEvent({
  event: { schema: 'iglu:dev.inlet/bench_event/jsonschema/1-0-0', data: { event: n, ...p } } }) };`)}`,
    setup:
      '`dist/index.umd.min.js`, `newTracker` defaults but `eventMethod: post`, `encodeBase64: false`; `trackSelfDescribingEvent`',
  };
}

async function posthog(cacheDir: string): Promise<BenchSdk> {
  const { base } = await anchor('posthog-js', 'PostHog', 'posthog', 'dist/array.js', cacheDir);
  const options = {
    autocapture: false,
    capture_pageview: false,
    capture_pageleave: false,
    disable_session_recording: true,
    disable_surveys: true,
    advanced_disable_flags: true,
    disable_external_dependency_loading: true,
    // PostHog drops events from user agents that look like bots, HeadlessChrome among them.
    opt_out_useragent_filter: true,
    // Its client-side limit (10 events/s, bursts of 100) would drop nearly the whole burst unmeasured.
    rate_limiting: { events_per_second: 1e6, events_burst_limit: 1e7 },
  };
  return {
    ...base,
    head: (endpoint) =>
      `<script src="/sdk/posthog.js"></script>${script(`
posthog.init('phc_inlet_bench', { api_host: ${JSON.stringify(endpoint)}, ...${JSON.stringify(options)} });
window.__benchSdk = { ready: Promise.resolve(), track: (n, p) => posthog.capture(n, p) };`)}`,
    setup:
      '`dist/array.js`, `init` with autocapture, page views, recording, surveys, flags and external loading off; the bot filter off (headless Chromium looks like one) and the client rate limit raised (by default it drops all but ~100 events of a burst); `capture`',
  };
}

async function segment(cacheDir: string): Promise<BenchSdk> {
  const { dir, base } = await anchor(
    '@segment/analytics-next',
    'Segment analytics-next',
    'segment',
    'dist/umd/index.js',
    cacheDir,
  );
  // Lazy chunks, fetched from `${cdnURL}/analytics-next/bundles/` if the SDK wants one.
  const files: Record<string, string> = { ...base.files };
  for (const f of await readdir(join(dir, 'dist/umd'))) {
    if (f.endsWith('.js'))
      files[`/analytics-next/bundles/${f}`] = await readFile(join(dir, 'dist/umd', f), 'utf8');
  }
  return {
    ...base,
    files,
    head: (endpoint) => {
      const host = `${new URL(endpoint).host}/v1`;
      const settings = {
        writeKey: 'wk_segment_bench',
        cdnSettings: {
          integrations: { 'Segment.io': { apiKey: 'wk_segment_bench', apiHost: host, protocol: 'http' } },
          metrics: { host },
        },
      };
      return `<script src="/sdk/segment.js"></script>${script(`
let analytics;
window.__benchSdk = {
  ready: AnalyticsNext.AnalyticsBrowser.load({ ...${JSON.stringify(settings)}, cdnURL: location.origin }).then(([a]) => { analytics = a; }),
  track: (n, p) => analytics.track(n, p),
};`)}`;
    },
    setup:
      '`dist/umd/index.js`, `AnalyticsBrowser.load` with inline `cdnSettings` (Segment.io and metrics hosts local); `track`',
  };
}

async function rudderstack(cacheDir: string): Promise<BenchSdk> {
  const { base } = await anchor(
    '@rudderstack/analytics-js',
    'RudderStack analytics-js',
    'rudderstack',
    // The build with its plugins inside: the core-only bundle downloads them from RudderStack's CDN.
    'dist/npm/modern/bundled/umd/index.js',
    cacheDir,
  );
  const source = {
    source: { id: 'bench', name: 'bench', workspaceId: 'bench', enabled: true, config: {}, destinations: [] },
  };
  return {
    ...base,
    head: (endpoint) =>
      `<script src="/sdk/rudderstack.js"></script>${script(`
const ra = new rudderanalytics.RudderAnalytics();
ra.load('wk_rudder_bench', ${JSON.stringify(endpoint)}, { getSourceConfig: () => (${JSON.stringify(source)}), polyfillIfRequired: false });
window.__benchSdk = { ready: new Promise((r) => ra.ready(r)), track: (n, p) => ra.track(n, p) };`)}`,
    setup:
      '`dist/npm/modern/bundled/umd/index.js` (plugins bundled), `load` with inline source config; `track`',
  };
}

const none: BenchSdk = {
  key: 'none',
  name: 'no SDK (harness only)',
  version: '-',
  anchor: false,
  files: {},
  head: () => script('window.__benchSdk = { ready: Promise.resolve(), track: () => {} };'),
  setup: 'an empty `track` function: the cost of the loop, the timer and the page itself',
};

export interface LoadOptions {
  /** Minify Inlet's IIFE (as shipped). Default true; profiles want names. */
  readonly minify?: boolean;
  /** Also measure Inlet as built at this revision, right after the working tree's. */
  readonly baseline?: Baseline | undefined;
  /** Extra script-tag attributes of every Inlet page (checked by the flag parser). */
  readonly inletAttrs?: readonly (readonly [name: string, value: string])[];
}

/** The SDKs named in `keys`, their files read (anchors packed and unpacked on first use). */
export async function loadSdks(
  keys: readonly SdkKey[],
  cacheDir: string,
  { minify = true, baseline, inletAttrs = [] }: LoadOptions = {},
): Promise<BenchSdk[]> {
  // Built once, and only when an Inlet page is measured.
  let built: Promise<[iife: string, version: string]> | undefined;
  const make = async (memory: boolean) => {
    built ??= Promise.all([buildBundle('iife', { minify }), inletVersion()]);
    const [iife, version] = await built;
    return inlet(memory, iife, version, inletAttrs);
  };
  const makers: Record<SdkKey, () => Promise<BenchSdk>> = {
    none: async () => none,
    inlet: () => make(false),
    'inlet-memory': () => make(true),
    snowplow: () => snowplow(cacheDir),
    posthog: () => posthog(cacheDir),
    segment: () => segment(cacheDir),
    rudderstack: () => rudderstack(cacheDir),
  };
  const sdks: BenchSdk[] = [];
  for (const key of keys) sdks.push(await makers[key]());
  if (baseline) {
    // Right after the working tree's Inlet, so the two run back to back in every round.
    const at = sdks.findIndex((sdk) => sdk.key === 'inlet') + 1 || sdks.length;
    sdks.splice(at, 0, inlet(false, baseline.iife, await inletVersion(), inletAttrs, baseline));
  }
  return sdks;
}
