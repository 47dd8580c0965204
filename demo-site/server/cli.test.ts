// @vitest-environment node
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/inlet-demo.mjs', import.meta.url));

function run(args: string[]): {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('inlet-demo', () => {
  it('exits 2 naming the bad flag', async () => {
    const p = run(['--port', 'x', '--write-key', 'k']);
    children.push(p.child);
    expect(await p.exit).toBe(2);
    expect(p.err()).toMatch(/--port must be a whole number from 0 to 65535/);
  });

  it('says it listens in one JSON line, and on SIGINT ends the console streams and exits 0', async () => {
    const root = await mkdtemp(join(tmpdir(), 'inlet-demo-cli-'));
    try {
      const p = run([
        '--port',
        '0',
        '--write-key',
        'wk_cli_test',
        '--data-dir',
        root,
        '--gateway-url',
        'http://127.0.0.1:9',
      ]);
      children.push(p.child);
      let url: string | undefined;
      for (let i = 0; i < 600 && url === undefined && p.child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const line = p
          .out()
          .split('\n')
          .find((l) => l.includes('"inlet-demo listening"'));
        if (line) url = (JSON.parse(line) as { url: string }).url;
      }
      expect(url, p.err()).toBeDefined();
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const stream = await fetch(`${url}/api/console/stream`);
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^event: snapshot\n/);

      p.child.kill('SIGINT');
      expect(await p.exit).toBe(0);
      // The stream ended with the server (it did not hang open).
      let done = false;
      while (!done) done = (await reader.read().catch(() => ({ done: true }))).done;
      expect(p.out()).toMatch(/"inlet-demo stopped"/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 90_000);
});
