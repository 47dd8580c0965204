import { afterEach, describe, expect, it } from 'vitest';
import { runInletExternal } from './cli';
import { type ExternalHealthServer, runsBySource, startExternalHealthServer } from './health-server';
import { createSchedule } from './schedule';
import type { RunRecord } from './state';

const T = Date.parse('2026-03-02T08:00:30Z');

const run = (source: string, status: RunRecord['status'], records: number, minute: number): RunRecord => ({
  runId: `${source}-${minute}`,
  source,
  kind: 'scheduled',
  intervalStart: new Date(T - (minute + 1) * 60_000).toISOString(),
  intervalEnd: new Date(T - minute * 60_000).toISOString(),
  status,
  records,
  deadLettered: 0,
  duplicates: 0,
  requests: 1,
  attempts: status === 'failed' ? 3 : 1,
  startedAt: new Date(T - minute * 60_000).toISOString(),
  endedAt: new Date(T - minute * 60_000 + 120).toISOString(),
  durationMs: 120,
});

const sources = [
  { name: 'market-bars', enabled: true, schedule: createSchedule({ everyMs: 60_000 }) },
  { name: 'weather-current', enabled: false, schedule: createSchedule({ everyMs: 300_000 }) },
];
// Newest last, as the stores return them.
const history = [
  run('market-bars', 'success', 5, 2),
  run('weather-current', 'success', 6, 2),
  run('market-bars', 'failed', 0, 1),
];

let server: ExternalHealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('runsBySource', () => {
  it('groups the history per source, newest first, with the next run of enabled sources', () => {
    const out = runsBySource(sources, history, T);
    expect(out[0]).toMatchObject({
      name: 'market-bars',
      schedule: 'every 60000 ms',
      nextRunAt: '2026-03-02T08:01:00.000Z',
    });
    expect(out[0]?.runs.map((r) => r.status)).toEqual(['failed', 'success']);
    expect(out[1]?.nextRunAt).toBeUndefined();
    expect(out[1]?.runs).toHaveLength(1);
  });

  it('keeps at most the newest runs per source', () => {
    expect(runsBySource(sources, history, T, 1)[0]?.runs.map((r) => r.runId)).toEqual(['market-bars-1']);
  });
});

describe('startExternalHealthServer', () => {
  it('serves /healthz, /runs and /metrics from the run history', async () => {
    server = await startExternalHealthServer(
      { sources, readRuns: async (limit) => history.slice(-limit) },
      0,
      { now: () => T },
    );
    const base = `http://127.0.0.1:${server.port}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true, sources: 2 });
    const runs = (await (await fetch(`${base}/runs`)).json()) as {
      sources: { name: string; runs: RunRecord[] }[];
    };
    expect(runs.sources.map((s) => [s.name, s.runs.length])).toEqual([
      ['market-bars', 2],
      ['weather-current', 1],
    ]);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/inlet_external_runs\{source="market-bars",status="failed"\} 1/);
    expect(metrics).toMatch(/inlet_external_last_run_records\{source="weather-current"\} 6/);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/runs`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 500 with the reason when the history cannot be read', async () => {
    server = await startExternalHealthServer(
      {
        sources,
        readRuns: async () => {
          throw new Error('disk gone');
        },
      },
      0,
    );
    const res = await fetch(`http://127.0.0.1:${server.port}/runs`);
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/disk gone/);
  });
});

describe('inlet-external start --health', () => {
  it('refuses a port that is not a number, naming the flag', async () => {
    let stderr = '';
    const code = await runInletExternal(['start', '--config', 'x.json', '--health', 'abc'], {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--health: expected a port/);
  });
});
