/** Flags of `npm run bench -- sdk`, checked once. */
import { parseArgs } from 'node:util';
import { positiveInt } from '../shared/flags';
import { SDK_KEYS, type SdkKey } from './sdks';

export const USAGE = `Usage: npm run bench -- sdk [flags]
  --calls <n>         track() calls in the measured burst, Inlet and the empty page (default 10000)
  --anchor-calls <n>  the same for the anchors (default 2000: at 1–10 ms of main thread per call,
                      10,000 would take minutes each)
  --per-task <n>      calls per task in the burst (default 10)
  --warm-up <n>       calls before the burst (default 200)
  --after-ms <n>      how long after the burst the trace keeps counting, in ms (default 5000)
  --rounds <n>        rounds, each in a fresh browser profile (default 2)
  --only <a,b,…>      SDKs to run, of ${SDK_KEYS.join(', ')} (default all)
  --verbose           per SDK, the burst's length, bytes sent, main-thread tasks in the window, the
                      paths it sent to and its first console errors
  --no-append         print the table only, do not append it to bench/RESULTS.md
  --baseline <rev>    also measure Inlet as built at this git revision, right after the working
                      tree's in each round, and print the ratios (working tree ÷ baseline)
  --inlet-attr <data-name=value>
                      one more script-tag attribute for every Inlet page (working tree, memory
                      queue, baseline), repeatable: e.g. \`--inlet-attr data-max-queue-events=20000\`
                      so that a slower variant is not flattered by the events its cap dropped
  --cpu-profile <dir> write a V8 CPU profile of each page's window to <dir> and print the top
                      functions by self time; Inlet (and the baseline) is built unminified; implies
                      --no-append (the profiler slows the page, so the figures are not comparable)
`;

export interface BenchOptions {
  readonly calls: number;
  readonly anchorCalls: number;
  readonly perTask: number;
  readonly warmUp: number;
  readonly afterMs: number;
  readonly rounds: number;
  readonly only: readonly SdkKey[];
  readonly verbose: boolean;
  readonly append: boolean;
  /** A git revision whose Inlet is measured beside the working tree's. */
  readonly baseline: string | undefined;
  /** Extra `data-*` attributes of every Inlet page's script tag, as `[name, value]`. */
  readonly inletAttrs: readonly (readonly [name: string, value: string])[];
  /** Where CPU profiles go; undefined: none taken. */
  readonly cpuProfile: string | undefined;
}

function sdkKeys(text: string | undefined): SdkKey[] {
  if (text === undefined) return [...SDK_KEYS];
  const keys = text.split(',').map((k) => k.trim());
  const unknown = keys.filter((k) => !(SDK_KEYS as readonly string[]).includes(k));
  if (unknown.length || !keys.length) {
    throw new Error(
      `--only: unknown SDK ${JSON.stringify(unknown.join(','))}; choose from ${SDK_KEYS.join(', ')}`,
    );
  }
  return SDK_KEYS.filter((k) => keys.includes(k));
}

function cpuProfileDir(text: string | undefined): string | undefined {
  if (text !== undefined && !text.trim()) {
    throw new Error(`--cpu-profile: expected a directory to write the profiles to\n${USAGE}`);
  }
  return text;
}

/** `data-name=value`: only data attributes, and values that need no escaping in HTML. */
function inletAttrs(texts: readonly string[]): [string, string][] {
  return texts.map((text) => {
    const match = /^(data-[a-z][a-z0-9-]*)=([\w.,:/-]*)$/.exec(text);
    if (!match) {
      throw new Error(
        `--inlet-attr: expected data-<name>=<value> (letters, digits, . , : / - in the value), got ${JSON.stringify(text)}\n${USAGE}`,
      );
    }
    return [match[1] as string, match[2] as string];
  });
}

export function parseFlags(argv: readonly string[]): BenchOptions {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        calls: { type: 'string' },
        'anchor-calls': { type: 'string' },
        'per-task': { type: 'string' },
        'warm-up': { type: 'string' },
        'after-ms': { type: 'string' },
        rounds: { type: 'string' },
        only: { type: 'string' },
        verbose: { type: 'boolean' },
        'no-append': { type: 'boolean' },
        'cpu-profile': { type: 'string' },
        baseline: { type: 'string' },
        'inlet-attr': { type: 'string', multiple: true },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const text = (name: string) => values[name] as string | undefined;
  return {
    calls: positiveInt(text('calls'), 10_000, 'calls', USAGE),
    anchorCalls: positiveInt(text('anchor-calls'), 2_000, 'anchor-calls', USAGE),
    perTask: positiveInt(text('per-task'), 10, 'per-task', USAGE),
    warmUp: positiveInt(text('warm-up'), 200, 'warm-up', USAGE),
    afterMs: positiveInt(text('after-ms'), 5_000, 'after-ms', USAGE),
    rounds: positiveInt(text('rounds'), 2, 'rounds', USAGE),
    only: sdkKeys(text('only')),
    verbose: values.verbose === true,
    append: values['no-append'] !== true && values['cpu-profile'] === undefined,
    cpuProfile: cpuProfileDir(text('cpu-profile')),
    baseline: text('baseline'),
    inletAttrs: inletAttrs((values['inlet-attr'] as string[] | undefined) ?? []),
  };
}
