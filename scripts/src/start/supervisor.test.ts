import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PartStartError } from './part-errors';
import type { Part, PartContext } from './parts';
import { Supervisor } from './supervisor';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A tiny part: optionally prints the ready line, records its stop in `stops.txt`, then exits. */
const script = (name: string, options: { marker?: boolean; exitCode?: number } = {}) => `
import { appendFileSync } from 'node:fs';
console.log('${name} up');
${options.marker ? `console.log(JSON.stringify({ ready: true, part: '${name}' }));` : ''}
${options.exitCode !== undefined ? `console.error('${name}: cannot go on'); process.exit(${options.exitCode});` : ''}
process.on('SIGTERM', () => {
  setTimeout(() => {
    appendFileSync(${JSON.stringify('STOPS')}, '${name}\\n');
    process.exit(0);
  }, 100);
});
setInterval(() => {}, 1_000);
`;

async function setUp(scripts: Record<string, string>) {
  dir = await mkdtemp(path.join(tmpdir(), 'inlet-supervisor-'));
  const stops = path.join(dir, 'stops.txt');
  for (const [name, text] of Object.entries(scripts)) {
    await writeFile(path.join(dir, `${name}.mjs`), text.replace('STOPS', stops));
  }
  return { stops };
}

const ctx = {} as unknown as PartContext;
const part = (name: string, more: Partial<Part>): Part => ({
  name,
  what: name,
  bin: `${name}.mjs`,
  args: () => [],
  ready: { kind: 'started' },
  stopTier: 'readers',
  ...more,
});

/** A supervisor over `dir` that collects its failures in `failures`. */
const supervise = (failures: PartStartError[], say: (line: string) => void = () => {}) =>
  new Supervisor({
    root: dir,
    started: Date.now(),
    ctx,
    logsDir: dir,
    say,
    onFailure: (error) => failures.push(error),
  });

describe('Supervisor', () => {
  it('starts a part once the part it needs printed its ready line, and stops writers, gateway, readers in that order', async () => {
    const { stops } = await setUp({
      gateway: script('gateway', { marker: true }),
      users: script('users'),
      collector: script('collector'),
    });
    const said: string[] = [];
    const failures: PartStartError[] = [];
    const supervisor = supervise(failures, (line) => said.push(line));
    supervisor.start([
      part('users', { after: ['gateway'], stopTier: 'writers' }),
      part('gateway', { ready: { kind: 'marker' }, stopTier: 'gateway' }),
      part('collector', {}),
    ]);
    const deadline = Date.now() + 20_000;
    while (supervisor.readyParts().size < 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect([...supervisor.readyParts()].sort()).toEqual(['collector', 'gateway', 'users']);
    const ready = (name: string) => said.findIndex((line) => line.includes(`✔ ${name}`));
    expect(ready('users')).toBeGreaterThan(ready('gateway'));

    // Each has installed its SIGTERM handler once it has printed its first line.
    const up = async (name: string) =>
      (await readFile(path.join(dir, `${name}.log`), 'utf8').catch(() => '')).includes(`${name} up`);
    while (
      !((await up('users')) && (await up('gateway')) && (await up('collector'))) &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await supervisor.stop();
    expect((await readFile(stops, 'utf8')).trim().split('\n')).toEqual(['users', 'gateway', 'collector']);
    expect(failures).toEqual([]);
    expect(await readFile(path.join(dir, 'gateway.log'), 'utf8')).toContain('gateway up');
  }, 30_000);

  it('reports a part that exits on its own: which, why, its last lines and its log', async () => {
    await setUp({ broken: script('broken', { exitCode: 3 }) });
    const failures: PartStartError[] = [];
    const supervisor = supervise(failures);
    supervisor.start([part('broken', { ready: { kind: 'marker' } })]);
    const deadline = Date.now() + 20_000;
    while (failures.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(failures[0]?.part).toBe('broken');
    expect(failures[0]?.reason).toBe('exited unexpectedly (exit code 3)');
    expect(failures[0]?.lastLines).toContain('broken: cannot go on');
    expect(failures[0]?.logFile).toBe(path.join(dir, 'broken.log'));
  }, 30_000);
});
