/**
 * Scenario 6: the external collector (`inlet-external start`, the real bin) SIGKILLed every
 * `killEverySeconds` and restarted after `downSeconds`, pulling one-minute market bars incrementally
 * from the stand-ins every 2 s (local log sink, file state). Afterwards its run history must be one
 * unbroken chain of intervals — none skipped, none run twice — and every minute that starts inside
 * that chain must be stored as one bar per symbol, once (a crash between the sink's acknowledgement and
 * the state write may fetch a run again: at-least-once, counted). "Recover" is SIGKILL → the restarted
 * collector answering /healthz.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BAR_RECORDS, standInBars } from '@inlet/collectors/testing';
import { DEFAULT_TOPIC_NAMES } from '@inlet/schemas';
import { freePorts } from '@inlet/scripts';
import { readLocalTopic, valueText } from '@inlet/streams';
import type { ScenarioRow } from './scenario-row';

const SIM_BIN = fileURLToPath(new URL('../../../simulators/bin/inlet-sim.mjs', import.meta.url));
const EXT_BIN = fileURLToPath(new URL('../../../collectors/bin/inlet-external.mjs', import.meta.url));
const EVERY_MS = 2_000;
const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'TSLA', 'BTC-USD'];
const API_KEY = 'inlet-dev-key';

export interface ExternalKillOptions {
  /** How long the collector runs in all, in s. Default 120. */
  readonly durationSeconds?: number;
  /** SIGKILL it this often, in s. Default 20. */
  readonly killEverySeconds?: number;
  /** How long it stays down before the restart, in s (intervals to catch up). Default 5. */
  readonly downSeconds?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url: string, timeoutMs: number, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // Not up yet.
    }
    if (child.exitCode !== null)
      throw new Error(`scenario 6: ${what} exited (${child.exitCode}) before answering`);
    if (Date.now() > deadline)
      throw new Error(`scenario 6: ${what} did not answer ${url} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

interface RunLine {
  readonly source: string;
  readonly intervalStart: string;
  readonly intervalEnd: string;
  readonly status: string;
}

export async function externalKill(options: ExternalKillOptions = {}): Promise<ScenarioRow> {
  const durationMs = (options.durationSeconds ?? 120) * 1_000;
  const killEveryMs = (options.killEverySeconds ?? 20) * 1_000;
  const downMs = (options.downSeconds ?? 5) * 1_000;
  const dir = await mkdtemp(join(tmpdir(), 'inlet-chaos-external-'));
  const dataDir = join(dir, 'data');
  const [apiPort = 0, healthPort = 0] = await freePorts(2);
  const config = join(dir, 'config.json');
  await writeFile(
    config,
    JSON.stringify({
      baseUrl: `http://127.0.0.1:${apiPort}`,
      sources: [
        standInBars('INLET_MARKET_API_KEY', {
          name: 'chaos-bars',
          url: '/market/v1/bars?symbol={entity}&limit=500',
          entities: SYMBOLS,
          schedule: { every: `${EVERY_MS / 1_000}s` },
          records: {
            ...BAR_RECORDS,
            fields: { o: 'number', h: 'number', l: 'number', c: 'number', v: 'number' },
          },
          rateLimit: { requests: 50, per: 'second' },
          catchUp: { maxIntervals: 1_000 },
        }),
      ],
    }),
  );
  const env: Record<string, string | undefined> = { ...process.env, INLET_MARKET_API_KEY: API_KEY };
  // The local log: the scenario owns everything it reads.
  delete env.KAFKA_BROKERS;
  delete env.PG_URL;
  const children: ChildProcess[] = [];
  const startCollector = async (): Promise<ChildProcess> => {
    const child = spawn(
      process.execPath,
      [
        EXT_BIN,
        'start',
        '--config',
        config,
        '--data-dir',
        dataDir,
        '--health',
        String(healthPort),
        '--log-level',
        'warn',
      ],
      { env, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    children.push(child);
    await answers(`http://127.0.0.1:${healthPort}/healthz`, 60_000, child, 'the external collector');
    return child;
  };
  try {
    // The stand-ins' clock an hour ahead (and still): every bar the collector asks for has closed,
    // so each minute that starts inside an interval is stored by that interval's run.
    const ahead = new Date(Date.now() + 3_600_000).toISOString();
    const api = spawn(
      process.execPath,
      [SIM_BIN, 'external-api', '--port', String(apiPort), '--clock', ahead],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    children.push(api);
    await answers(`http://127.0.0.1:${apiPort}/health`, 60_000, api, 'the stand-ins');

    let collector = await startCollector();
    const until = Date.now() + durationMs;
    const recoveries: number[] = [];
    while (Date.now() + killEveryMs + downMs < until) {
      await sleep(killEveryMs);
      const killedAt = Date.now();
      collector.kill('SIGKILL');
      await once(collector, 'exit');
      await sleep(downMs);
      collector = await startCollector();
      recoveries.push(Date.now() - killedAt);
      process.stderr.write(`chaos: external collector SIGKILLed and back in ${recoveries.at(-1)} ms\n`);
    }
    await sleep(Math.max(0, until - Date.now()));
    collector.kill('SIGTERM');
    await once(collector, 'exit');

    const runs = (await readFile(join(dataDir, 'external', 'runs.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RunLine)
      .filter((r) => r.source === 'chaos-bars')
      .sort((a, b) => Date.parse(a.intervalStart) - Date.parse(b.intervalStart));
    const committed = runs.filter((r) => r.status === 'success' || r.status === 'partial');
    let skippedIntervals = runs.filter((r) => r.status === 'skipped').length;
    let twice = 0;
    for (let i = 1; i < committed.length; i++) {
      const prevEnd = Date.parse((committed[i - 1] as RunLine).intervalEnd);
      const start = Date.parse((committed[i] as RunLine).intervalStart);
      if (start > prevEnd) skippedIntervals += Math.round((start - prevEnd) / EVERY_MS);
      if (start < prevEnd) twice++;
    }
    const first = committed[0];
    const last = committed.at(-1);
    const due =
      first && last
        ? Math.round((Date.parse(last.intervalEnd) - Date.parse(first.intervalStart)) / EVERY_MS)
        : 0;

    // The bars stored, by source entity and minute.
    const seen = new Map<string, number>();
    // Bars close once a minute: a short run may not have stored any yet (then there is no topic).
    if (existsSync(join(dataDir, 'log', DEFAULT_TOPIC_NAMES.externalData)))
      for await (const record of readLocalTopic(dataDir, DEFAULT_TOPIC_NAMES.externalData)) {
        const value = JSON.parse(valueText(record) ?? 'null') as { entity: string; observedAt: string };
        const id = `${value.entity}@${value.observedAt}`;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    // Each minute that starts strictly inside the chain of intervals is one bar per symbol.
    let missingBars = 0;
    if (first && last) {
      const from = Date.parse(first.intervalStart);
      const to = Date.parse(last.intervalEnd);
      for (let minute = Math.floor(from / 60_000) * 60_000 + 60_000; minute < to; minute += 60_000)
        for (const symbol of SYMBOLS)
          if (!seen.has(`bars:${symbol}@${new Date(minute).toISOString()}`)) missingBars++;
    }
    const extraCopies = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
    return {
      scenario: `6. external collector SIGKILLed ${recoveries.length}× mid-run, restarted`,
      faults: recoveries.length,
      generated: due,
      acknowledged: committed.length,
      delivered: committed.length - twice,
      lost: skippedIntervals + missingBars,
      duplicated: twice,
      duplicates: `${extraCopies} bar records stored twice (a run fetched again after a kill: at-least-once, by source, entity and observedAt); ${seen.size} distinct bars, ${missingBars} minutes missing`,
      recoverMaxMs: recoveries.length === 0 ? undefined : Math.max(...recoveries),
      note: `counted in 2 s intervals of an incremental market-bars source (${SYMBOLS.length} symbols, stand-ins, local log, file state): "generated" = intervals due from the first to the last run, "acknowledged" = runs committed, "lost" = intervals skipped + bar minutes missing, "duplicated" = intervals run twice; killed every ${killEveryMs / 1_000} s, down ${downMs / 1_000} s each time, ${durationMs / 1_000} s in all`,
    };
  } finally {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}
