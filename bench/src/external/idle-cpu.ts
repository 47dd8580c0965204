/**
 * The collector's CPU when it has nothing to do: `inlet-external start` in its own process (the real
 * bin), sources on hourly schedules, measured from /proc/<pid>/stat (user + system time) over a
 * window that starts after the first runs have finished. Then the same for the seed profile, which
 * runs something every 15 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startExternalApi } from '@inlet/simulators/external-api';

const BIN = fileURLToPath(new URL('../../../collectors/bin/inlet-external.mjs', import.meta.url));
const SEED = fileURLToPath(new URL('../../../collectors/examples/seed.json', import.meta.url));
const TICKS_PER_S = 100; // USER_HZ on Linux

export interface CpuRow {
  readonly profile: string;
  readonly seconds: number;
  readonly cpuMs: number;
  readonly runs: number;
}

async function cpuTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime is 14th, stime 15th overall.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function measure(
  profile: string,
  configFile: string,
  baseUrl: string,
  seconds: number,
): Promise<CpuRow> {
  const dir = await mkdtemp(join(tmpdir(), 'inlet-bench-idle-'));
  const key = 'inlet-dev-key';
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--config', configFile, '--base-url', baseUrl, '--data-dir', dir, '--log-level', 'error'],
    {
      env: { ...process.env, INLET_WEATHER_API_KEY: key, INLET_MAPS_API_KEY: key, INLET_MARKET_API_KEY: key },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    const pid = child.pid;
    if (pid === undefined) throw new Error('could not start inlet-external');
    await sleep(8_000); // start-up (tsx compiles the sources) and the first runs
    if (child.exitCode !== null) throw new Error(`inlet-external exited with ${child.exitCode}`);
    const before = await cpuTicks(pid);
    const runsBefore = (await readFile(join(dir, 'external', 'runs.jsonl'), 'utf8').catch(() => '')).split(
      '\n',
    ).length;
    await sleep(seconds * 1000);
    const after = await cpuTicks(pid);
    const runsAfter = (await readFile(join(dir, 'external', 'runs.jsonl'), 'utf8').catch(() => '')).split(
      '\n',
    ).length;
    return { profile, seconds, cpuMs: ((after - before) * 1000) / TICKS_PER_S, runs: runsAfter - runsBefore };
  } finally {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  }
}

export async function measureIdleCpu(seconds: number): Promise<CpuRow[]> {
  const api = await startExternalApi();
  const dir = await mkdtemp(join(tmpdir(), 'inlet-bench-config-'));
  try {
    const seed = JSON.parse(await readFile(SEED, 'utf8')) as { sources: Record<string, unknown>[] };
    const hourly = { ...seed, sources: seed.sources.map((s) => ({ ...s, schedule: { every: '1h' } })) };
    const hourlyFile = join(dir, 'hourly.json');
    await writeFile(hourlyFile, JSON.stringify(hourly));
    return [
      await measure('idle (seed sources on hourly schedules)', hourlyFile, api.url, seconds),
      await measure('seed profile (runs every 15 s)', SEED, api.url, seconds),
    ];
  } finally {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
}
