import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { processTreeCpuMs } from './process-cpu';

describe('processTreeCpuMs', () => {
  it.runIf(process.platform === 'linux')('adds the CPU time of child processes to their parent', async () => {
    // A parent that starts a child which spins for ~300 ms of CPU, then both wait.
    const spin = 'const end = Date.now() + 300; while (Date.now() < end); setInterval(() => {}, 1000)';
    const parent = spawn(process.execPath, [
      '-e',
      `const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(spin)}], { stdio: 'inherit' }); console.log(c.pid); setInterval(() => {}, 1000)`,
    ]);
    let child: number | undefined;
    try {
      child = Number(String((await once(parent.stdout, 'data'))[0]).trim());
      await new Promise((resolve) => setTimeout(resolve, 800));
      const ms = await processTreeCpuMs(parent.pid ?? -1);
      // The child's spin alone is ~300 ms; with start-up, under a few seconds (the old bug multiplied it by 10).
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(3_000);
    } finally {
      if (child !== undefined && Number.isInteger(child)) process.kill(child, 'SIGKILL');
      parent.kill('SIGKILL');
    }
  });

  it('answers undefined for a process that does not exist', async () => {
    expect(await processTreeCpuMs(2 ** 22 + 12_345)).toBeUndefined();
  });
});
