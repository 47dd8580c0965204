import { errorMessage } from '@inlet/schemas';
import type { TestProject } from 'vitest/node';
import { startKafka } from '../kafka/broker';
import { ensureCatalogue } from '../kafka/catalogue';
import { brokersFromEnv } from '../kafka/env';
import { waitForKafka } from '../kafka/ready';
import { pgUrlFromEnv, requireLogicalReplication } from '../postgres/check';
import { startPostgres } from '../postgres/embedded';
import './provided-context';

type Stop = () => Promise<void>;
interface Part {
  value: string | string[] | null;
  unavailable: string | null;
  stop?: Stop;
}

const say = (line: string) => process.stderr.write(`[integration setup] ${line}\n`);
const failed = (what: string, error: unknown): Part => {
  const reason = errorMessage(error);
  say(`${what} unavailable: ${reason}`);
  return { value: null, unavailable: reason };
};

/** KAFKA_BROKERS if set (checked with a metadata request), else a fresh single-node broker. */
async function kafkaPart(): Promise<Part> {
  try {
    const fromEnv = brokersFromEnv();
    const started = Date.now();
    if (fromEnv) await waitForKafka(fromEnv, { timeoutMs: 15_000 });
    const broker = fromEnv ? undefined : await startKafka({ log: say });
    const brokers = fromEnv ?? broker?.brokers ?? [];
    const { created } = await ensureCatalogue(brokers);
    say(
      `Kafka ${fromEnv ? '(KAFKA_BROKERS)' : broker?.version} at ${brokers.join(',')} in ${Date.now() - started} ms; ${created.length} catalogue topics created`,
    );
    return broker
      ? { value: brokers, unavailable: null, stop: () => broker.stop() }
      : { value: brokers, unavailable: null };
  } catch (error) {
    return failed('Kafka', error);
  }
}

/** PG_URL if set (checked for wal_level=logical), else an embedded PostgreSQL. */
async function postgresPart(): Promise<Part> {
  try {
    const fromEnv = pgUrlFromEnv();
    if (fromEnv) {
      await requireLogicalReplication(fromEnv);
      return { value: fromEnv, unavailable: null };
    }
    const started = Date.now();
    const server = await startPostgres();
    say(`PostgreSQL (embedded, wal_level=logical) on port ${server.port} in ${Date.now() - started} ms`);
    return { value: server.url, unavailable: null, stop: () => server.stop() };
  } catch (error) {
    return failed('PostgreSQL', error);
  }
}

/**
 * Vitest global setup of the `integration` project: starts Kafka (with the topic catalogue) and
 * PostgreSQL in parallel, once per run, and provides their addresses; a part that cannot run is
 * provided as null with the reason (see `@inlet/scripts/testing`). Returns the teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [kafka, postgres] = await Promise.all([kafkaPart(), postgresPart()]);
  project.provide('kafkaBrokers', Array.isArray(kafka.value) ? kafka.value : null);
  project.provide('kafkaUnavailable', kafka.unavailable);
  project.provide('pgUrl', typeof postgres.value === 'string' ? postgres.value : null);
  project.provide('pgUnavailable', postgres.unavailable);
  return async () => {
    await Promise.all([kafka.stop?.(), postgres.stop?.()]);
  };
}
