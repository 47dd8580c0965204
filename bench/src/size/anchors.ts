/**
 * The anchors' browser bundles: the file a `<script>` tag loads, from each npm package. Files
 * that ship unminified are minified with esbuild first, as a site would serve them.
 */
export interface AnchorBundle {
  readonly name: string;
  readonly pkg: string;
  readonly version: string;
  /** Path inside the package tarball (below `package/`). */
  readonly file: string;
  readonly minify?: boolean;
  readonly note?: string;
}

export const ANCHOR_BUNDLES: readonly AnchorBundle[] = [
  {
    name: 'Snowplow browser tracker',
    pkg: '@snowplow/browser-tracker',
    version: '4.10.1',
    file: 'dist/index.umd.min.js',
  },
  {
    name: 'Segment analytics-next',
    pkg: '@segment/analytics-next',
    version: '1.84.3',
    file: 'dist/umd/standalone.js',
    note: '+ lazy chunks',
  },
  { name: 'Jitsu', pkg: '@jitsu/js', version: '1.11.0', file: 'dist/web/p.js.txt', minify: true },
  { name: 'Mixpanel', pkg: 'mixpanel-browser', version: '2.83.0', file: 'dist/mixpanel.min.js' },
  {
    name: 'RudderStack analytics-js',
    pkg: '@rudderstack/analytics-js',
    version: '3.34.1',
    file: 'dist/npm/modern/umd/index.js',
    minify: true,
    note: 'core only; loads its sending plugin at run time',
  },
  {
    name: 'Amplitude browser',
    pkg: '@amplitude/analytics-browser',
    version: '2.48.1',
    file: 'lib/scripts/amplitude-min.js',
  },
  { name: 'PostHog', pkg: 'posthog-js', version: '1.449.2', file: 'dist/array.js' },
];
