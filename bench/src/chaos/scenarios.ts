/**
 * The chaos scenarios of issue 16 that `npm run chaos` runs, by number (`--scenarios 1,8`), each with
 * its long settings; the CI share (chaos.integration.test.ts) calls the same functions, short.
 */
import { brokersFromEnv, pgUrlFromEnv, startKafka } from '@inlet/scripts';
import { cdcKill } from './cdc-kill';
import { externalKill } from './external-kill';
import { kafkaOutage, spoolQuotaExhausted } from './kafka-outage';
import { processorKill } from './processor-kill';
import type { ScenarioRow } from './scenario-row';
import { startCtrlC } from './start-ctrl-c';
import { gatewaySigkill, networkFaults } from './vu-scenario';

export interface LongRunSettings {
  /** How long the users act (or the pipeline runs before its fault ends), in s. */
  readonly durationSeconds: number;
  /** Virtual users of the load-profile scenarios. */
  readonly vus: number;
}

export interface ChaosScenario {
  /** What stderr says while it runs. */
  readonly title: string;
  readonly run: (settings: LongRunSettings) => Promise<ScenarioRow>;
}

export const SCENARIOS: Readonly<Record<string, ChaosScenario>> = {
  '1': {
    title: 'gateway SIGKILLed every 15 s',
    run: ({ durationSeconds, vus }) => gatewaySigkill({ durationSeconds, vus }),
  },
  '2': {
    title: 'Kafka broker stopped for 30 s mid-run, then restarted',
    run: ({ durationSeconds, vus }) => kafkaOutage({ durationSeconds, vus, outageSeconds: 30 }),
  },
  '3': {
    title: 'spool quota exhausted while Kafka is down for 30 s',
    run: ({ durationSeconds, vus }) =>
      spoolQuotaExhausted({ durationSeconds, vus, outageSeconds: 30, quotaBytes: 131_072 }),
  },
  '4': {
    title: 'network faults between the SDKs and the gateway',
    run: ({ durationSeconds, vus }) => networkFaults({ durationSeconds, vus }),
  },
  '5': {
    title: 'CDC collector SIGKILLed twice during an OLTP workload of 12,000 changes',
    run: () =>
      withKafka((brokers) => {
        const pgUrl = pgUrlFromEnv();
        return cdcKill({ brokers, changes: 12_000, kills: 2, ...(pgUrl === undefined ? {} : { pgUrl }) });
      }),
  },
  '6': {
    title: 'external collector SIGKILLed every 20 s (down 5 s each time)',
    run: ({ durationSeconds }) =>
      externalKill({
        durationSeconds: Math.max(durationSeconds, 30) * 2,
        killEverySeconds: 20,
        downSeconds: 5,
      }),
  },
  '7': {
    title: 'processor SIGKILLed mid-window, compared with a clean run',
    run: () => withKafka((brokers) => processorKill({ brokers, events: 10_000 })),
  },
  '8': {
    title: 'npm start (its own Kafka) stopped with one Ctrl-C',
    run: ({ durationSeconds }) => startCtrlC({ runSeconds: durationSeconds, kafka: 'own' }),
  },
};

/** KAFKA_BROKERS when set, else a broker of the project's own for the scenario. */
async function withKafka<T>(body: (brokers: readonly string[]) => Promise<T>): Promise<T> {
  const given = brokersFromEnv();
  if (given !== undefined) return body(given);
  const broker = await startKafka();
  try {
    return await body(broker.brokers);
  } finally {
    await broker.stop();
  }
}

/** `--scenarios 1,8`: the numbers, checked against the built ones; all of them when absent. */
export function pickScenarios(text: string | undefined): string[] {
  const known = Object.keys(SCENARIOS);
  if (text === undefined) return known;
  const picked = text.split(',').map((s) => s.trim());
  const unknown = picked.filter((s) => !known.includes(s));
  if (unknown.length > 0 || picked.length === 0)
    throw new Error(`--scenarios: expected some of ${known.join(',')}, got ${JSON.stringify(text)}`);
  return picked;
}
