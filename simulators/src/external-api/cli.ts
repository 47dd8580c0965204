/** `inlet-sim external-api`: serve the stand-ins until SIGINT/SIGTERM (or `io.signal`) stops them. */

import { errorMessage } from '@inlet/schemas';
import { parseFlags, reportUsageError, UsageError } from '@inlet/schemas/cli';
import { AUTH, DEFAULT_API_KEY } from './app';
import { type Clock, ManualClock } from './clock';
import { type FaultSpec, PROVIDERS, type Provider, parseFaultFlag } from './faults';
import { startExternalApi } from './server';

export const DEFAULT_PORT = 4600;

export const USAGE = `Usage: inlet-sim external-api [options]

Serves weather, maps and market-data stand-ins on http://127.0.0.1:<port>.

Options:
  --port <n>              port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 = a free one)
  --api-key <key>         accepted API key, repeatable (default ${DEFAULT_API_KEY})
  --admin-key <key>       require X-Admin-Key on /admin/* (default: open)
  --seed <n>              seed of the fault draws (default 1)
  --clock <iso>           start a manual clock there (move it with PUT /admin/clock)
  --weather-step <s>      seconds between weather station reports (default 300)
  --fault <spec>          provider=fault[,fault…], repeatable, e.g.
                            weather=status:503,probability:0.2   maps=drift
                            market=status:429,retryAfter:2      weather=latency:300
                            maps=hang,times:3                    market=malformed
  -h, --help              show this help
`;

export interface ExternalApiCliIo {
  readonly stdout?: { write(text: string): unknown };
  readonly stderr?: { write(text: string): unknown };
  /** Stops the server; default: SIGINT/SIGTERM. */
  readonly signal?: AbortSignal;
}

function int(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${flag}: expected an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}

function options(argv: readonly string[]) {
  const { values, positionals } = parseFlags(argv, {
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      'admin-key': { type: 'string' },
      seed: { type: 'string' },
      clock: { type: 'string' },
      'weather-step': { type: 'string' },
      fault: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`);
  let clock: Clock | undefined;
  if (values.clock !== undefined) {
    const ms = Date.parse(values.clock);
    if (Number.isNaN(ms))
      throw new UsageError(`--clock: expected an ISO 8601 date-time, got ${JSON.stringify(values.clock)}`);
    clock = new ManualClock(ms);
  }
  const faults: Partial<Record<Provider, FaultSpec>> = {};
  for (const flag of values.fault ?? []) {
    const { provider, spec } = parseFaultFlag(flag);
    faults[provider] = { ...faults[provider], ...spec };
  }
  const step = int(values['weather-step'], 'weather-step', 1, 86_400);
  return {
    help: values.help === true,
    port: int(values.port, 'port', 0, 65_535) ?? DEFAULT_PORT,
    apiKeys: values['api-key'] ?? [DEFAULT_API_KEY],
    adminKey: values['admin-key'],
    seed: int(values.seed, 'seed', 0, 2 ** 31),
    clock,
    faults,
    weatherObservationStepMs: step === undefined ? undefined : step * 1000,
  };
}

function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

/** Runs the stand-ins; resolves with the exit code (0 after a clean stop, 1 failure, 2 bad usage). */
export async function runExternalApiCli(argv: string[], io: ExternalApiCliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let o: ReturnType<typeof options>;
  try {
    o = options(argv);
  } catch (error) {
    // parseFaultFlag's errors are bad usage too: everything options() throws is.
    return reportUsageError(
      (text) => stderr.write(text),
      'inlet-sim external-api',
      errorMessage(error),
      USAGE,
    );
  }
  if (o.help) {
    stdout.write(USAGE);
    return 0;
  }
  try {
    const server = await startExternalApi({
      port: o.port,
      apiKeys: o.apiKeys,
      faults: o.faults,
      ...(o.adminKey === undefined ? {} : { adminKey: o.adminKey }),
      ...(o.seed === undefined ? {} : { seed: o.seed }),
      ...(o.clock === undefined ? {} : { clock: o.clock }),
      ...(o.weatherObservationStepMs === undefined
        ? {}
        : { weatherObservationStepMs: o.weatherObservationStepMs }),
    });
    const auth = PROVIDERS.map(
      (p) => `  ${p.padEnd(8)} ${server.url}/${p}/v1/…  key in ${AUTH[p].in} "${AUTH[p].name}"`,
    );
    const faulted = Object.keys(o.faults);
    stdout.write(
      `external API stand-ins listening on ${server.url}\n${auth.join('\n')}\n` +
        `  keys: ${o.apiKeys.length} configured${o.apiKeys.includes(DEFAULT_API_KEY) ? ` (incl. ${DEFAULT_API_KEY})` : ''}; ` +
        `clock: ${o.clock ? 'manual' : 'system'}; faults: ${faulted.length > 0 ? faulted.join(', ') : 'none'}\n`,
    );
    const signal = io.signal ?? stopSignal();
    if (!signal.aborted)
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    await server.close();
    return 0;
  } catch (error) {
    const message = errorMessage(error);
    stderr.write(`inlet-sim external-api: ${message}\n`);
    return 1;
  }
}
