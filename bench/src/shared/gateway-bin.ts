/** The real `inlet-gateway` bin in its own process, for benches and chaos runs that need one. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const GATEWAY_BIN = fileURLToPath(new URL('../../../gateway/bin/inlet-gateway.mjs', import.meta.url));

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Starts the bin with `args` on `port` (its stderr shown, stdout dropped) and resolves once `readyPath`
 * answers 200: `/healthz` when it listens, `/readyz` when its sink is ready too. Rejects when it
 * exits first or has not answered within 60 s.
 */
export async function spawnGatewayBin(
  port: number,
  args: readonly string[],
  readyPath: '/healthz' | '/readyz' = '/healthz',
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [GATEWAY_BIN, '--port', String(port), ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (!(await answers(`http://127.0.0.1:${port}${readyPath}`))) {
    if (child.exitCode !== null)
      throw new Error(`the gateway exited (${child.exitCode}) before ${readyPath} answered`);
    if (Date.now() > deadline) throw new Error(`the gateway did not answer ${readyPath} within 60 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}
