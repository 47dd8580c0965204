/**
 * A gateway process killed with SIGKILL under load loses no event it answered 200 for: with the local
 * sink the events are in the log; with Kafka they are in Kafka, or in the spool that the next start
 * replays.
 */
import { DEFAULT_TOPIC_NAMES } from '@inlet/schemas';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { describe, expect, it } from 'vitest';
import { gatewayArgs, spawnGateway, useTempDataDir } from '../testing/child-gateway';
import {
  compare,
  kafkaMessageIds,
  localMessageIds,
  runId,
  startLoad,
  waitUntil,
} from '../testing/ingest-load';

const brokers = kafkaBrokers();
const dataDir = useTempDataDir('inlet-gw-kill-');

/** Load from 6 connections; SIGKILL the child once it has acknowledged a few thousand events. */
async function killUnderLoad(url: string, child: { kill(signal: NodeJS.Signals): boolean }, prefix: string) {
  let killed = false;
  const load = startLoad(url, prefix, { concurrency: 6, batchSize: 20, stop: () => killed });
  await waitUntil(() => load.acked.size >= 3_000, 'the gateway to acknowledge 3,000 events');
  child.kill('SIGKILL');
  killed = true;
  await load.done;
  return load;
}

const args = (extra: string[]) => gatewayArgs(dataDir(), ['--log-level', 'info', ...extra]);

describe('SIGKILL under load', () => {
  it('local sink: every event answered 200 is in the local log', async () => {
    const gateway = await spawnGateway(args(['--sink', 'local']));
    const prefix = runId('kill-local');
    const { acked, statuses } = await killUnderLoad(gateway.url, gateway.child, prefix);
    expect(await gateway.exited).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThan(0);
    const found = await localMessageIds(dataDir(), DEFAULT_TOPIC_NAMES.appEvents, prefix);
    const { missing } = compare(acked, found);
    console.info(
      `[sigkill local] ${acked.size} events acknowledged, ${found.size} in the log, statuses ${JSON.stringify([...statuses])}`,
    );
    expect(missing).toEqual([]);
  });

  it.skipIf(!brokers)(
    'kafka sink: every event answered 200 is in Kafka after the next start replays the spool',
    async () => {
      const kafka = defined(brokers, 'brokers');
      const gateway = await spawnGateway(
        args(['--brokers', kafka.join(','), '--produce-timeout-ms', '2000']),
      );
      const prefix = runId('kill-kafka');
      const { acked, statuses } = await killUnderLoad(gateway.url, gateway.child, prefix);
      expect(await gateway.exited).toBe('SIGKILL');
      expect(acked.size).toBeGreaterThan(0);

      // The next start replays whatever the killed process had spooled, then reports an empty spool.
      const next = await spawnGateway(args(['--brokers', kafka.join(',')]));
      try {
        await waitUntil(async () => {
          const ready = (await (await fetch(`${next.url}/readyz`)).json()) as {
            status?: { spool?: { bytes: number } };
          };
          return ready.status?.spool?.bytes === 0;
        }, 'the restarted gateway to replay its spool');
      } finally {
        next.child.kill('SIGTERM');
        expect(await next.exited).toBe(0);
      }
      const found = await kafkaMessageIds(kafka, DEFAULT_TOPIC_NAMES.appEvents, prefix);
      const { missing, duplicated } = compare(acked, found);
      console.info(
        `[sigkill kafka] ${acked.size} events acknowledged, ${found.size} in Kafka (${duplicated} duplicated), statuses ${JSON.stringify([...statuses])}`,
      );
      expect(missing).toEqual([]);
    },
  );
});
