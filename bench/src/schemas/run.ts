/**
 * `npm run bench -- schemas`: µs per event of the gateway's per-event work in `@inlet/schemas`
 * (`parseEvent`, then `enrichEvent`), beside `JSON.parse` of the same events in the same run. The
 * table is printed and appended to bench/RESULTS.md with the date, command and versions.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { type Event, enrichEvent, findLimitViolations, parseEvent } from '@inlet/schemas';
import { parseBenchFlags, positiveInt, printUsage } from '../shared/flags';
import { publishResults } from '../shared/results';
import { type Case, type Timing, time } from '../shared/timing';
import { type Sample, samples } from './samples';

const USAGE = `Usage: npm run bench -- schemas [flags]
  --batch <n>       events per batch (default 20)
  --warmup <ms>     warm-up per case (default 1500)
  --rounds <n>      measured rounds per step (default 7)
  --round <ms>      length of one round per case (default 400)
  --no-append       print the table only, do not append it to bench/RESULTS.md
`;

/** Every event of the sample must be valid, or the benchmark would time the error path. */
function parsedEvents(sample: Sample): Event[] {
  return sample.events.map((text, i) => {
    const result = parseEvent(JSON.parse(text), i);
    if (!result.ok) throw new Error(`sample ${sample.name}: ${JSON.stringify(result.issues)}`);
    return result.event;
  });
}

function cases(sample: Sample): Case[] {
  const body = `{"batch":[${sample.events.join(',')}]}`;
  const raw = (JSON.parse(body) as { batch: unknown[] }).batch;
  const events = parsedEvents(sample);
  const enrich = () => {
    // What the gateway computes once per request.
    const facts = {
      receivedAt: new Date().toISOString(),
      source: 'web',
      newMessageId: randomUUID,
      ip: '203.0.113.9',
    };
    return events.map((event) => enrichEvent(event, facts));
  };
  const enriched = enrich();
  // The error path: the same events with a bad timestamp, which every type rejects.
  const invalid = raw.map((e) => ({ ...(e as object), timestamp: 'yesterday' }));
  return [
    { label: 'JSON.parse (batch body)', batch: () => JSON.parse(body) },
    { label: 'findLimitViolations', batch: () => raw.map((e) => findLimitViolations(e)) },
    { label: 'parseEvent', batch: () => raw.map((e, i) => parseEvent(e, i)) },
    { label: 'parseEvent, invalid event', batch: () => invalid.map((e, i) => parseEvent(e, i)) },
    { label: 'enrichEvent', batch: enrich },
    { label: 'JSON.stringify (enriched)', batch: () => enriched.map((e) => JSON.stringify(e)) },
  ];
}

const fixed = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

function table(rows: readonly { sample: Sample; timings: readonly Timing[] }[]): string {
  const lines = [
    '| sample | bytes/event | step | µs/event (median) | best | × JSON.parse |',
    '|---|---:|---|---:|---:|---:|',
  ];
  for (const { sample, timings } of rows) {
    const bytes = Math.round(
      sample.events.reduce((n, e) => n + Buffer.byteLength(e), 0) / sample.events.length,
    );
    const base = timings[0]?.median ?? Number.NaN;
    for (const t of timings) {
      lines.push(
        `| ${sample.name} | ${bytes} | ${t.label} | ${fixed(t.median)} | ${fixed(t.best)} | ${(t.median / base).toFixed(2)} |`,
      );
    }
  }
  return lines.join('\n');
}

export async function run(args: readonly string[]): Promise<void> {
  const { values, help, append } = parseBenchFlags(args, {
    batch: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    round: { type: 'string' },
  });
  if (help) return printUsage(USAGE);
  const options = {
    batchSize: positiveInt(values.batch, 20, 'batch', USAGE),
    warmupMs: positiveInt(values.warmup, 1500, 'warmup', USAGE),
    rounds: positiveInt(values.rounds, 7, 'rounds', USAGE),
    roundMs: positiveInt(values.round, 400, 'round', USAGE),
  };
  const rows = samples(options.batchSize).map((sample) => {
    process.stderr.write(`schemas bench: ${sample.name} (${sample.describe})…\n`);
    return { sample, timings: time(cases(sample), options) };
  });
  const zod = (createRequire(import.meta.url)('zod/package.json') as { version: string }).version;
  const section = [
    '',
    `## Schemas per-event cost, ${new Date().toISOString()}`,
    '',
    `Command: \`npm run bench -- schemas ${args.join(' ')}\`. Node ${process.version}, zod ${zod}; ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}.`,
    '',
    `${options.batchSize}-event batches, ${options.warmupMs} ms warm-up per step, then ${options.rounds} rounds of ${options.roundMs} ms; µs per event. Samples: ${rows.map((r) => `${r.sample.name} = ${r.sample.describe}`).join('; ')}. enrichEvent computes \`receivedAt\` once per batch, as the gateway does per request.`,
    '',
    table(rows),
    '',
  ].join('\n');
  await publishResults(section, { append });
}
