/**
 * `npm run chaos [-- flags]`: the reliability runs. The issue-16 scenarios built so far
 * (`scenarios.ts`), each injecting its fault and audited, and fuzzing the gateway with hostile
 * requests (in-process and over a real socket, 100,000 cases by default). Prints the table and
 * appends it to bench/RESULTS.md with the date, command and versions; exits 1 when anything was
 * lost, a scenario's claim did not hold, or a fuzz case failed.
 */
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { type FuzzReport, fuzzApp, fuzzSocket } from '@inlet/gateway/fuzz';
import { startedDirectly } from '../shared/direct';
import { parseBenchFlags, positiveInt, printUsage } from '../shared/flags';
import { publishResults } from '../shared/results';
import type { ScenarioRow } from './scenario-row';
import { pickScenarios, SCENARIOS } from './scenarios';

const USAGE = `Usage: npm run chaos -- [flags]
  --fuzz-cases <n>   hostile requests in all (default 100000): 4/5 in-process, 1/5 over a socket
  --seed <n>         fast-check seed, to replay a run (default: random)
  --only <part>      fuzz or scenarios (default: both)
  --scenarios <list> which scenarios, e.g. 2,3 (default: every one built)
  --duration <s>     how long the users act in scenarios 1-4, and npm start runs in 8; scenario 6
                     runs twice as long (default 60; 5 and 7 run a fixed workload)
  --vus <n>          virtual users in scenarios 1-4 (default 200)
  --no-append        print the table only, do not append it to bench/RESULTS.md
`;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const n = (v: number) => v.toLocaleString('en');

function scenarioTable(rows: readonly ScenarioRow[]): string {
  const lines = [
    '| scenario | faults | generated | acknowledged | delivered | lost | duplicated | duplicates | recover (max) | setup |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.scenario} | ${n(r.faults)} | ${n(r.generated)} | ${n(r.acknowledged)} | ${n(r.delivered)} | ${r.lost === 0 ? '0' : `**${n(r.lost)}**`} | ${n(r.duplicated)} | ${r.duplicates} | ${r.recoverMaxMs === undefined ? '—' : `${(r.recoverMaxMs / 1000).toFixed(1)} s`} | ${r.problem === undefined ? '' : `**${r.problem}**; `}${r.note} |`,
    );
  }
  return lines.join('\n');
}

function fuzzTable(reports: readonly FuzzReport[]): string {
  const lines = [
    '| fuzzing | cases | seed | time | peak RSS | statuses | failures |',
    '|---|---:|---:|---:|---:|---|---|',
  ];
  for (const r of reports) {
    const statuses = [...r.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n.toLocaleString('en')}`)
      .join(', ');
    const failure = r.failure === undefined ? '0' : `**1**: ${r.failure.split('\n')[0]}`;
    lines.push(
      `| ${r.mode} | ${r.cases.toLocaleString('en')} | ${r.seed} | ${(r.ms / 1000).toFixed(0)} s | ${mib(r.peakRssBytes)} | ${statuses} | ${failure} |`,
    );
  }
  return lines.join('\n');
}

export async function run(args: readonly string[]): Promise<number> {
  const { values, help, append } = parseBenchFlags(args, {
    'fuzz-cases': { type: 'string' },
    seed: { type: 'string' },
    only: { type: 'string' },
    scenarios: { type: 'string' },
    duration: { type: 'string' },
    vus: { type: 'string' },
  });
  if (help) {
    printUsage(USAGE);
    return 0;
  }
  const only = values.only;
  if (only !== undefined && only !== 'fuzz' && only !== 'scenarios') {
    throw new Error(`--only: expected fuzz or scenarios, got ${JSON.stringify(only)}\n${USAGE}`);
  }
  const total = positiveInt(values['fuzz-cases'], 100_000, 'fuzz-cases', USAGE);
  const seed = values.seed === undefined ? undefined : positiveInt(values.seed, 1, 'seed', USAGE);
  const durationSeconds = positiveInt(values.duration, 60, 'duration', USAGE);
  const vus = positiveInt(values.vus, 200, 'vus', USAGE);
  const socketCases = Math.max(1, Math.round(total / 5));
  const seeded = seed === undefined ? {} : { seed };

  const picked = pickScenarios(values.scenarios);

  const rows: ScenarioRow[] = [];
  if (only !== 'fuzz') {
    for (const number of picked) {
      const scenario = SCENARIOS[number];
      if (scenario === undefined) continue;
      process.stderr.write(
        `chaos: scenario ${number}, ${scenario.title} (${durationSeconds} s, ${vus} users)…\n`,
      );
      rows.push(await scenario.run({ durationSeconds, vus }));
    }
  }
  const reports: FuzzReport[] = [];
  if (only !== 'scenarios') {
    process.stderr.write(
      `chaos: fuzzing in-process (${(total - socketCases).toLocaleString('en')} cases)…\n`,
    );
    reports.push(await fuzzApp({ runs: total - socketCases, ...seeded }));
    process.stderr.write(`chaos: fuzzing over a socket (${socketCases.toLocaleString('en')} cases)…\n`);
    reports.push(await fuzzSocket({ runs: socketCases, ...seeded }));
  }

  const require = createRequire(import.meta.url);
  const fastCheck = (require('fast-check/package.json') as { version: string }).version;
  const section = [
    '',
    `## Chaos runs, ${new Date().toISOString()}`,
    '',
    `Command: \`npm run chaos -- ${args.join(' ')}\`. Node ${process.version}, fast-check ${fastCheck}; ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}.`,
    '',
    ...(rows.length > 0 ? [scenarioTable(rows), ''] : []),
    'Hostile HTTP requests against the gateway (`gateway/src/fuzz`): every answer must be the wire',
    "contract's (no 5xx, errors as the contract's JSON, 200s as the batch response), no connection",
    'reset, `Object.prototype` untouched. Peak RSS is the whole process (generator, app and server).',
    '',
    ...(reports.length > 0 ? [fuzzTable(reports), ''] : ['(fuzzing not run)', '']),
  ].join('\n');
  await publishResults(section, { append });
  const failed = reports.filter((r) => r.failure !== undefined);
  for (const r of failed) process.stderr.write(`chaos: ${r.mode} fuzzing failed:\n${r.failure}\n`);
  const lossy = rows.filter((r) => r.lost > 0);
  for (const r of lossy) process.stderr.write(`chaos: ${r.scenario}: ${r.lost} lost\n`);
  const broken = rows.filter((r) => r.problem !== undefined);
  for (const r of broken) process.stderr.write(`chaos: ${r.scenario}: ${r.problem}\n`);
  return failed.length === 0 && lossy.length === 0 && broken.length === 0 ? 0 : 1;
}

if (startedDirectly(import.meta.url)) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const unknownFlag = (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
      process.stderr.write(
        `chaos: ${error instanceof Error ? error.message : String(error)}\n${unknownFlag ? USAGE : ''}`,
      );
      process.exit(2);
    },
  );
}
