import { parseDuration } from '@inlet/schemas';
import { parseFlags, UsageError } from '@inlet/schemas/cli';
import { batchUrl } from '@inlet/sdk-node';
import { parseOfflineWindows } from './faults';
import { PROFILE_NAMES, type ProfileName } from './profiles';
import type { SimulationOptions } from './run';
import { isStageError, parseStages, totalMs } from './stages';

export const RUN_USAGE = `Usage: inlet-sim run [options]

Runs virtual users (web visitors, mobile app users, backend services) on the real SDK core
against a gateway, writes a ledger of every event, and prints a report.

Options:
  --profile seed|load     seed: the documented platform rates (web clicks 60/min, mobile 75/min,
                          service logs 20/min); load: --vus users (default 1000) or --rate arrivals/s
  --duration <time>       how long users act, e.g. 60s, 5m (default 60s; with --stages: their sum)
  --endpoint <url>        the gateway (default $INLET_ENDPOINT, else http://127.0.0.1:8787)
  --write-key <key>       a write key the gateway knows (default $INLET_WRITE_KEY)
  --ledger <file>         where the ledger goes (default ./inlet-sim-<run>.ledger.jsonl)
  --report <file>         also write the report as JSON
  --seed <n>              makes the run reproducible event for event (default: random, printed)
  --run-id <tag>          messageId prefix (default sim<seed>; the same seed gives the same ids,
                          which the gateway deduplicates within its dedup window)
  --vus <n>               closed model: concurrent users (load profile)
  --rate <n>[/s]          open model: users arriving per second (load profile)
  --stages <spec>         e.g. 30s:1000,2m:1000,30s:0 (duration:target, k6 style)
  --speed <x>             every rate × x (think times ÷ x), e.g. 10 for a short seed run
  --invalid-share <x>     share of events made invalid on purpose, 0..1 (default 0)
  --drop-responses <x>    share of accepted requests whose answer is lost, 0..1 (default 0)
  --latency <ms>          mean latency added to each request (default 0)
  --offline <spec>        offline windows, start+length, e.g. 20s+5s,1m+10s
  --drain <time>          flush time after the users stop (default 15s)
  --flush-at <n>          events per SDK flush (default 20)
  --flush-interval <ms>   SDK flush interval (default: web 5000, mobile 30000, service 10000)
  --connections <n>       HTTP connections to the gateway (default 32)
  --max-p99 <ms>          fail (exit 1) when the request latency p99 is above
  --max-error-rate <x>    fail (exit 1) when the share of failed requests is above, 0..1
  --quiet                 no progress bar
  -h, --help              this text

Exit codes: 0 done, 1 a threshold failed or the run failed, 2 bad usage.`;

const VALUE_FLAGS = [
  'profile',
  'duration',
  'endpoint',
  'write-key',
  'ledger',
  'report',
  'seed',
  'run-id',
  'vus',
  'rate',
  'stages',
  'speed',
  'invalid-share',
  'drop-responses',
  'latency',
  'offline',
  'drain',
  'flush-at',
  'flush-interval',
  'connections',
  'max-p99',
  'max-error-rate',
] as const;

function number(text: string | undefined, flag: string, check: (n: number) => boolean, expected: string) {
  if (text === undefined) return undefined;
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new UsageError(`--${flag} must be ${expected}, got "${text}"`);
  return n;
}
const share = (text: string | undefined, flag: string) =>
  number(text, flag, (n) => n >= 0 && n <= 1, 'a share from 0 to 1');
const positive = (text: string | undefined, flag: string) => number(text, flag, (n) => n > 0, 'a number > 0');
const count = (text: string | undefined, flag: string) =>
  number(text, flag, (n) => Number.isInteger(n) && n > 0, 'a whole number > 0');
const duration = (text: string | undefined, flag: string) => {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined) throw new UsageError(`--${flag} must look like 500ms, 30s, 5m or 1h, got "${text}"`);
  return ms;
};

export interface RunArgs {
  readonly help: boolean;
  readonly quiet: boolean;
  readonly reportPath: string | undefined;
  readonly options: SimulationOptions & { readonly ledgerPath: string };
}

/** Parses `inlet-sim run` flags; throws a UsageError saying what was wrong and how to fix it. */
export function parseRunArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): RunArgs {
  const options = Object.fromEntries(VALUE_FLAGS.map((n) => [n, { type: 'string' }])) as Record<
    (typeof VALUE_FLAGS)[number],
    { type: 'string' }
  >;
  const { values } = parseFlags(argv, {
    options: { ...options, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  const str = (k: (typeof VALUE_FLAGS)[number]) => values[k];
  if (values.help) return { help: true, quiet: true, reportPath: undefined, options: undefined as never };
  const profile = (str('profile') ?? 'seed') as ProfileName;
  if (!PROFILE_NAMES.includes(profile))
    throw new UsageError(`--profile must be seed or load, got "${profile}"`);
  const vus = count(str('vus'), 'vus');
  const rateText = str('rate')?.replace(/\/s$/, '');
  const rate = positive(rateText, 'rate');
  if (vus !== undefined && rate !== undefined)
    throw new UsageError('give --vus (closed model) or --rate (open model), not both');
  if (profile === 'seed' && (vus !== undefined || rate !== undefined)) {
    throw new UsageError(
      '--vus and --rate apply to --profile load; the seed profile has fixed users (use --speed to scale it)',
    );
  }
  let stages: ReturnType<typeof parseStages> | undefined;
  try {
    stages = str('stages') === undefined ? undefined : parseStages(str('stages') as string);
  } catch (error) {
    throw isStageError(error) ? new UsageError(`--stages: ${error.message}`) : error;
  }
  let durationMs = duration(str('duration'), 'duration');
  if (stages) {
    if (durationMs !== undefined && durationMs !== totalMs(stages)) {
      throw new UsageError(
        `--duration (${durationMs} ms) and the sum of --stages (${totalMs(stages)} ms) differ: give one`,
      );
    }
    durationMs = totalMs(stages);
  }
  const endpoint = str('endpoint') ?? env.INLET_ENDPOINT ?? 'http://127.0.0.1:8787';
  try {
    batchUrl(endpoint);
  } catch (error) {
    throw new UsageError(`--endpoint: ${(error as Error).message}`);
  }
  const writeKey = str('write-key') ?? env.INLET_WRITE_KEY;
  if (!writeKey) {
    throw new UsageError(
      '--write-key is required (or INLET_WRITE_KEY): a local gateway prints its development key at start and keeps it in <data-dir>/dev-write-key',
    );
  }
  const seedText = str('seed');
  const seed =
    seedText === undefined
      ? Math.floor(Math.random() * 2 ** 31)
      : number(seedText, 'seed', (n) => Number.isSafeInteger(n) && n >= 0, 'a whole number ≥ 0');
  const runTag = str('run-id');
  if (runTag !== undefined && !/^[A-Za-z0-9_.]{1,40}$/.test(runTag))
    throw new UsageError('--run-id must be 1-40 letters, digits, _ or .');
  const offlineText = str('offline');
  const offline = offlineText === undefined ? undefined : parseOfflineWindows(offlineText, parseDuration);
  if (offlineText !== undefined && !offline)
    throw new UsageError(`--offline must look like 20s+5s,1m+10s (start+length), got "${offlineText}"`);
  const tag = runTag ?? `sim${(seed as number).toString(36)}`;
  const flushAt = count(str('flush-at'), 'flush-at');
  const flushInterval = positive(str('flush-interval'), 'flush-interval');
  const opt = <K extends string, V>(key: K, value: V | undefined) =>
    value === undefined ? {} : ({ [key]: value } as { [k in K]: V });
  return {
    help: false,
    quiet: values.quiet === true,
    reportPath: str('report'),
    options: {
      profile,
      durationMs: durationMs ?? 60_000,
      endpoint,
      writeKey,
      seed: seed as number,
      runTag: tag,
      ledgerPath: str('ledger') ?? `inlet-sim-${tag}.ledger.jsonl`,
      ...opt('vus', vus),
      ...opt('rate', rate),
      ...opt('stages', stages),
      ...opt('speed', positive(str('speed'), 'speed')),
      ...opt('invalidShare', share(str('invalid-share'), 'invalid-share')),
      faults: {
        ...opt('dropResponses', share(str('drop-responses'), 'drop-responses')),
        ...opt('latencyMs', positive(str('latency'), 'latency')),
        ...opt('offline', offline),
      },
      ...opt('drainMs', duration(str('drain'), 'drain')),
      ...opt('connections', count(str('connections'), 'connections')),
      ...opt('maxP99Ms', positive(str('max-p99'), 'max-p99')),
      ...opt('maxErrorRate', share(str('max-error-rate'), 'max-error-rate')),
      coreOptions: { ...opt('flushAt', flushAt), ...opt('flushInterval', flushInterval) },
    },
  };
}
