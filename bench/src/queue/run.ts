/**
 * `npm run bench -- queue`: µs per event of the in-memory queue (`memoryStore` in sdk-core: the
 * Node SDK's default queue and the virtual users') held full at each cap: one event pushed
 * (evicting the oldest), and a send's work per event (peek 500, remove them, 500 pushed meanwhile). With `--baseline <rev>` the revision's `memoryStore` is timed
 * in the same run and each row gets its ratio. The table is appended to bench/RESULTS.md.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { memoryStore } from '@inlet/sdk-core';
import { parseBenchFlags, positiveInt, printUsage } from '../shared/flags';
import { publishResults } from '../shared/results';
import { withRevision } from '../shared/revision';
import { markdownTable } from '../shared/stats';
import { type Timing, time } from '../shared/timing';
import { arrayCase, type MakeStore, pushCase, SEND, sendCase } from './cases';

const USAGE = `Usage: npm run bench -- queue [flags]
  --caps <a,b,…>    queue sizes (maxEvents), each filled before it is timed (default 1000,10000,100000)
  --baseline <rev>  also time memoryStore as it was at this git revision, in the same run, and print
                    the ratios (working tree ÷ baseline)
  --warmup <ms>     warm-up per step (default 500)
  --rounds <n>      measured rounds per step (default 5)
  --round <ms>      length of one round (default 300)
  --no-append       print the table only, do not append it to bench/RESULTS.md
`;

export interface QueueBenchOptions {
  readonly caps: readonly number[];
  readonly baseline?: string | undefined;
  readonly warmupMs: number;
  readonly rounds: number;
  readonly roundMs: number;
  readonly append: boolean;
}

/** The flags, checked; a clear error naming the bad one. */
export function parseQueueFlags(args: readonly string[]): QueueBenchOptions | 'help' {
  const { values, help, append } = parseBenchFlags(args, {
    caps: { type: 'string' },
    baseline: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    round: { type: 'string' },
  });
  if (help) return 'help';
  return {
    caps: (values.caps ?? '1000,10000,100000').split(',').map((c) => positiveInt(c.trim(), 0, 'caps', USAGE)),
    baseline: values.baseline,
    warmupMs: positiveInt(values.warmup, 500, 'warmup', USAGE),
    rounds: positiveInt(values.rounds, 5, 'rounds', USAGE),
    roundMs: positiveInt(values.round, 300, 'round', USAGE),
    append,
  };
}

interface Row {
  readonly cap: number;
  readonly step: string;
  readonly timing: Timing;
  /** The baseline's timing of the same step and cap. */
  readonly base?: Timing | undefined;
}

const fixed = (n: number) =>
  n < 10 ? n.toFixed(2) : n < 1000 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US');

/** Times every step at every cap; the baseline's store (if any) right after the working tree's. */
export function measure(options: QueueBenchOptions, current: MakeStore, baseline?: MakeStore): Row[] {
  const rows: Row[] = [];
  const timing = { warmupMs: options.warmupMs, rounds: options.rounds, roundMs: options.roundMs };
  for (const cap of options.caps) {
    process.stderr.write(`queue bench: cap ${cap.toLocaleString('en-US')}…\n`);
    const [reference] = time([arrayCase(cap)], { ...timing, batchSize: 1 });
    if (reference) rows.push({ cap, step: reference.label, timing: reference });
    const steps = [
      { step: 'push 1 (evicts 1)', make: pushCase, batchSize: 1 },
      { step: `send: peek + remove ${SEND}, ${SEND} pushes`, make: sendCase, batchSize: SEND },
    ];
    for (const { step, make, batchSize } of steps) {
      const cases = [make('memoryStore', current, cap)];
      if (baseline) cases.push(make('baseline', baseline, cap));
      const [mine, base] = time(cases, { ...timing, batchSize });
      if (mine) rows.push({ cap, step, timing: mine, base });
    }
  }
  return rows;
}

export function table(rows: readonly Row[], baseline: boolean): string {
  const header = ['queue (cap)', 'step', 'µs/event (median)', 'best'];
  if (baseline) header.push('baseline µs/event', '× baseline');
  return markdownTable(
    header,
    header.map((_, i) => i !== 1),
    rows.map((r) => {
      const cells = [r.cap.toLocaleString('en-US'), r.step, fixed(r.timing.median), fixed(r.timing.best)];
      if (baseline)
        cells.push(
          r.base ? fixed(r.base.median) : '-',
          r.base ? (r.timing.median / r.base.median).toFixed(3) : '-',
        );
      return cells;
    }),
  );
}

export async function run(args: readonly string[]): Promise<void> {
  const options = parseQueueFlags(args);
  if (options === 'help') return printUsage(USAGE);
  const [rows, commit] =
    options.baseline === undefined
      ? [measure(options, memoryStore), undefined]
      : await withRevision(options.baseline, async (commit, dir) => {
          const url = pathToFileURL(join(dir, 'sdk-core', 'src', 'memory-store.ts')).href;
          const old = (await import(url)) as { memoryStore: MakeStore };
          return [measure(options, memoryStore, old.memoryStore), commit] as const;
        });
  const section = [
    '',
    `## In-memory queue per-event cost, ${new Date().toISOString()}`,
    '',
    `Command: \`npm run bench -- queue ${args.join(' ')}\`. Node ${process.version}; ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}.`,
    '',
    `sdk-core \`memoryStore\` (working tree${commit ? `; baseline: the same at ${options.baseline} = ${commit}` : ''}) held full at each cap (events of 300 bytes): ${options.warmupMs} ms warm-up per step, then ${options.rounds} rounds of ${options.roundMs} ms; µs per event. The plain array row is a hand-written queue's \`push\` + \`shift\` at the same length, for scale.`,
    '',
    table(rows, commit !== undefined),
    '',
  ].join('\n');
  await publishResults(section, options);
}
