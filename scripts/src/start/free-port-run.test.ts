import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePortRun } from './free-port-run';

describe('freePortRun', () => {
  it('gives consecutive ports below the ephemeral range that can all be bound', async () => {
    const run = await freePortRun(4);
    expect(run).toHaveLength(4);
    run.forEach((port, i) => {
      expect(port).toBe((run[0] ?? 0) + i);
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_000);
    });
    const servers = await Promise.all(
      run.map(
        (port) =>
          new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
            const server = createServer();
            server.once('error', reject);
            server.listen(port, '127.0.0.1', () => resolve(server));
          }),
      ),
    );
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });
});
