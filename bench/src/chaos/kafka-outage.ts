/**
 * Scenarios 2 and 3: the Kafka broker stopped mid-run and started again later, under virtual users
 * sending to a gateway on the Kafka sink. The broker is the project's own (`startKafka`, its data
 * folder kept across the stop), so the same cluster comes back on the same port.
 *  2. the gateway spools what it acknowledges while Kafka is away and replays it after;
 *  3. the same with a spool quota small enough to fill: the gateway answers 503 + Retry-After, the
 *     SDKs keep their events and retry, and everything lands once Kafka is back.
 * "Recover" is from the broker's restart to the gateway's spool being empty again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCatalogue, type KafkaBroker, startKafka } from '@inlet/scripts';
import type { ScenarioRow } from './scenario-row';
import { type FaultOutcome, runVuScenario, type VuScenarioOptions } from './vu-scenario';

export interface KafkaOutageOptions extends VuScenarioOptions {
  /** How long the broker stays down, in s. Default 30. */
  readonly outageSeconds?: number;
  /** When the broker stops, as a share of the users' duration. Default 0.25. */
  readonly stopAt?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The gateway's `inlet_gateway_spool_bytes`, or undefined when /metrics does not answer. */
async function spoolBytes(gatewayUrl: string): Promise<number | undefined> {
  try {
    const res = await fetch(`${gatewayUrl}/metrics`, { signal: AbortSignal.timeout(2_000) });
    const match = /^inlet_gateway_spool_bytes (\S+)$/m.exec(await res.text());
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

/** Waits until the spool is empty; resolves with the time it took, or undefined after `timeoutMs`. */
async function spoolEmptied(gatewayUrl: string, timeoutMs: number): Promise<number | undefined> {
  const from = Date.now();
  while (Date.now() - from < timeoutMs) {
    if ((await spoolBytes(gatewayUrl)) === 0) return Date.now() - from;
    await sleep(250);
  }
  return undefined;
}

async function withBroker<T>(body: (holder: { broker: KafkaBroker }) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'inlet-chaos-kafka-'));
  const holder = { broker: await startKafka({ dataDir }) };
  try {
    await ensureCatalogue(holder.broker.brokers);
    return await body(holder);
  } finally {
    await holder.broker.stop().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function outage(
  name: string,
  tag: string,
  setup: string,
  gatewayArgs: readonly string[],
  simArgs: readonly string[],
  options: KafkaOutageOptions,
): Promise<ScenarioRow> {
  const outageMs = (options.outageSeconds ?? 30) * 1_000;
  return withBroker(async (holder) => {
    const brokers = holder.broker.brokers.join(',');
    const dataDir = holder.broker.dataDir;
    return runVuScenario(
      {
        name,
        tag,
        simArgs,
        setup,
        sinkArgs: ['--sink', 'kafka', '--brokers', brokers],
        gatewayArgs,
        auditSource: ['--brokers', brokers],
        fault: async ({ gatewayUrl, durationMs }): Promise<FaultOutcome> => {
          await sleep(durationMs * (options.stopAt ?? 0.25));
          await holder.broker.stop();
          const stoppedAt = Date.now();
          process.stderr.write(`chaos: Kafka stopped for ${outageMs / 1_000} s\n`);
          await sleep(outageMs);
          holder.broker = await startKafka({ dataDir });
          const down = Date.now() - stoppedAt;
          process.stderr.write(`chaos: Kafka back after ${(down / 1_000).toFixed(1)} s\n`);
          const restartedAt = Date.now();
          const emptied = await spoolEmptied(gatewayUrl, durationMs + 180_000);
          const recoveries = emptied === undefined ? [] : [Date.now() - restartedAt];
          return {
            faults: 1,
            recoveries,
            what: `Kafka down ${(down / 1_000).toFixed(0)} s${emptied === undefined ? ' (spool never emptied)' : ''}`,
          };
        },
        settle: async (gatewayUrl) => {
          // The replay must finish before the gateway stops: its shutdown keeps the spool, not sends it.
          await spoolEmptied(gatewayUrl, 180_000);
        },
      },
      options,
    );
  });
}

/** Scenario 2: Kafka stopped for 30 s (`outageSeconds`) mid-run, then restarted: spool and replay. */
export const kafkaOutage = (options: KafkaOutageOptions = {}): Promise<ScenarioRow> =>
  outage(
    `2. Kafka broker stopped for ${options.outageSeconds ?? 30} s mid-run, restarted`,
    'kafkadown',
    'gateway on Kafka, default spool quota (1 GiB); "recover" is broker restart → spool empty',
    [],
    [],
    options,
  );

export interface SpoolQuotaOptions extends KafkaOutageOptions {
  /** The gateway's `--spool-quota-bytes`. Default 131072 (two spool segments). */
  readonly quotaBytes?: number;
}

/**
 * Scenario 3: the spool quota exhausted while Kafka is down: 503 + Retry-After, the SDKs keep their
 * events (a longer drain lets them retry after Kafka is back), all delivered after recovery.
 */
export const spoolQuotaExhausted = (options: SpoolQuotaOptions = {}): Promise<ScenarioRow> => {
  const quota = options.quotaBytes ?? 131_072;
  return outage(
    `3. spool quota (${Math.round(quota / 1024)} KiB) exhausted while Kafka is down ${options.outageSeconds ?? 30} s`,
    'spoolfull',
    'gateway on Kafka; the users drain up to 120 s after they stop; "recover" is broker restart → spool empty',
    ['--spool-quota-bytes', String(quota)],
    ['--drain', '120s'],
    options,
  );
};
