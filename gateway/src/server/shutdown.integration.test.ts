/**
 * Graceful shutdown of the real bin: SIGTERM under load answers what is in flight, stores every
 * acknowledged event and exits 0; the same through a `--workers 2` cluster primary.
 */
import { DEFAULT_TOPIC_NAMES } from '@inlet/schemas';
import { describe, expect, it } from 'vitest';
import { workerDataDir } from '../delivery/create-publisher';
import { gatewayArgs, spawnGateway, useTempDataDir } from '../testing/child-gateway';
import { compare, localMessageIds, runId, startLoad, waitUntil } from '../testing/ingest-load';

const dataDir = useTempDataDir('inlet-gw-term-');
const args = (extra: string[]) => gatewayArgs(dataDir(), ['--sink', 'local', ...extra]);

async function terminateUnderLoad(
  url: string,
  child: { kill(signal: NodeJS.Signals): boolean },
  prefix: string,
) {
  let stopped = false;
  const load = startLoad(url, prefix, { concurrency: 6, batchSize: 20, stop: () => stopped });
  await waitUntil(() => load.acked.size >= 2_000, 'the gateway to acknowledge 2,000 events');
  child.kill('SIGTERM');
  // Keep sending while it drains: new connections are refused, requests in flight are answered.
  await new Promise((r) => setTimeout(r, 300));
  stopped = true;
  await load.done;
  return load;
}

describe('graceful shutdown', () => {
  it('SIGTERM under load: answers in-flight requests, keeps every acknowledged event, exits 0', async () => {
    const gateway = await spawnGateway(args([]));
    const prefix = runId('term');
    const { acked, statuses } = await terminateUnderLoad(gateway.url, gateway.child, prefix);
    expect(await gateway.exited).toBe(0);
    expect([...statuses.keys()].filter((s) => s !== 200 && s !== 'network-error')).toEqual([]);
    const found = await localMessageIds(dataDir(), DEFAULT_TOPIC_NAMES.appEvents, prefix);
    expect(compare(acked, found).missing).toEqual([]);
    expect(gateway.output()).toContain('shut down cleanly');
  });

  it('--workers 2: both workers serve, each with its own log, and SIGTERM to the primary stops them all', async () => {
    const gateway = await spawnGateway(args(['--workers', '2']));
    const prefix = runId('workers');
    const { acked } = await terminateUnderLoad(gateway.url, gateway.child, prefix);
    expect(await gateway.exited).toBe(0);
    const perWorker = await Promise.all(
      [0, 1].map((slot) =>
        localMessageIds(workerDataDir(dataDir(), slot), DEFAULT_TOPIC_NAMES.appEvents, prefix),
      ),
    );
    expect(perWorker.map((found) => found.size > 0)).toEqual([true, true]);
    const found = new Map([...(perWorker[0] ?? []), ...(perWorker[1] ?? [])]);
    expect(compare(acked, found).missing).toEqual([]);
    expect(gateway.output().match(/shut down cleanly/g)).toHaveLength(2);
  });
});
