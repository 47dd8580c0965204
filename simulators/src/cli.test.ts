import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunner, main } from './cli';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {}, tty: false },
  };
};

describe('inlet-sim', () => {
  it('lists the commands, and refuses an unknown one with exit 2', async () => {
    const help = io();
    expect(await main(['--help'], help.io)).toBe(0);
    expect(help.out.join('')).toMatch(/run\s+virtual users/);
    const bad = io();
    expect(await main(['fly'], bad.io)).toBe(2);
    expect(bad.err.join('')).toMatch(/unknown command "fly"/);
    expect(await main([], io().io)).toBe(2);
  });

  it('checks run flags before running anything', async () => {
    const bad = io();
    expect(await main(['run', '--profile', 'seed', '--vus', '3', '--write-key', 'wk_test_123'], bad.io)).toBe(
      2,
    );
    expect(bad.err.join('')).toMatch(/--vus and --rate apply to --profile load/);
    const help = io();
    expect(await main(['run', '--help'], help.io)).toBe(0);
    expect(help.out.join('')).toMatch(/--drop-responses/);
  });

  it('says "not yet" for a helper whose CLI is missing, and hands over to one that is there', async () => {
    const missing = io();
    const gone = Object.assign(new Error('Cannot find module'), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(await loadRunner('oltp', 'runOltpCli', () => Promise.reject(gone), missing.io)).toBeUndefined();
    expect(missing.err.join('')).toMatch(/inlet-sim oltp: not yet/);
    const partial = io();
    expect(await loadRunner('oltp', 'runOltpCli', async () => ({}), partial.io)).toBeUndefined();
    expect(partial.err.join('')).toMatch(/not yet/);
    const runner = await loadRunner('x', 'run', async () => ({ run: async () => 7 }), io().io);
    expect(await runner?.([])).toBe(7);
  });
});

/** A port nothing listens on. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 9));
    });
  });

describe('inlet-sim run against no gateway', () => {
  it('writes the ledger and the report, says the gateway took nothing, and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-sim-cli-'));
    try {
      const run = io();
      const argv = [
        'run',
        '--endpoint',
        `http://127.0.0.1:${await closedPort()}`,
        '--write-key',
        'wk_test_123',
      ];
      const files = ['--ledger', join(dir, 'l.jsonl'), '--report', join(dir, 'r.json')];
      const short = ['--duration', '1s', '--drain', '300ms', '--speed', '50', '--seed', '3', '--quiet'];
      expect(await main([...argv, ...files, ...short], run.io)).toBe(1);
      expect(run.err.join('')).toMatch(/took no event: is it running/);
      const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'));
      expect(report.events.generated).toBeGreaterThan(0);
      expect(report.events.leftInQueue).toBe(report.events.generated);
      expect(report.requests.byStatus['network error']).toBe(report.requests.count);
      expect((await readFile(join(dir, 'l.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(
        report.events.generated + 1,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
