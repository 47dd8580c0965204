import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const PRELOAD = path.join(import.meta.dirname, 'exit-with-parent.mjs');
// Keeps running, and prints what a fork of it would inherit of the variable.
const PART =
  'console.log(JSON.stringify(process.env.INLET_PARENT_PID ?? null)); setInterval(() => {}, 1000);';

function part(parentPid: string) {
  const child = spawn(process.execPath, ['--import', PRELOAD, '-e', PART], {
    env: { ...process.env, INLET_PARENT_PID: parentPid },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = new Promise<string>((resolve) =>
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())),
  );
  return { child, firstLine };
}

describe('exit-with-parent.mjs', () => {
  it('stops a part whose named parent is not its parent any more (spawned as npm start died)', async () => {
    const { child, firstLine } = part('999999999');
    const [code, signal] = await once(child, 'exit');
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await firstLine).toBe('null');
  }, 15_000);

  it('leaves a part alone while its named parent lives, and hides the name from its forks', async () => {
    const { child, firstLine } = part(String(process.pid));
    expect(await firstLine).toBe('null');
    await new Promise((r) => setTimeout(r, 2_500));
    expect(child.exitCode).toBeNull();
    child.kill('SIGKILL');
    await once(child, 'exit');
  }, 15_000);
});
