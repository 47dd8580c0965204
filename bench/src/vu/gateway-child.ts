/** The gateway for the VU bench: the real bin in its own process, a write key without rate limit. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@inlet/scripts';

const GATEWAY_BIN = fileURLToPath(new URL('../../../gateway/bin/inlet-gateway.mjs', import.meta.url));
export const VU_BENCH_KEY = 'wk_vu_bench_0123456789';

export interface BenchGateway {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export async function startBenchGateway(brokers?: readonly string[]): Promise<BenchGateway> {
  const dir = await mkdtemp(join(tmpdir(), 'inlet-vu-bench-'));
  const config = join(dir, 'gateway.json');
  await writeFile(
    config,
    JSON.stringify({
      writeKeys: [{ key: VU_BENCH_KEY, source: 'vu-bench', rateLimit: { perSecond: 1e6, burst: 1e6 } }],
    }),
  );
  const port = await freePort();
  const sink = brokers?.length ? ['--sink', 'kafka', '--brokers', brokers.join(',')] : ['--sink', 'local'];
  const child = spawn(
    process.execPath,
    [
      GATEWAY_BIN,
      '--config',
      config,
      '--port',
      String(port),
      '--data-dir',
      join(dir, 'data'),
      '--log-level',
      'warn',
      ...sink,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the gateway exited (${child.exitCode}) before it was ready`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error('the gateway was not ready after 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
