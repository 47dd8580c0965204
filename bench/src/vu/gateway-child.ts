/** The gateway for the VU bench: the real bin in its own process, a write key without rate limit. */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@inlet/scripts';
import { spawnGatewayBin } from '../shared/gateway-bin';

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
  const child = await spawnGatewayBin(
    port,
    ['--config', config, '--data-dir', join(dir, 'data'), '--log-level', 'warn', ...sink],
    '/readyz',
  );
  const url = `http://127.0.0.1:${port}`;
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
