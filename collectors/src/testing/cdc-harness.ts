/**
 * The CDC tests' database and topic helpers: an admin client, names of one file's schema, slot and
 * publication, waits on the slot's position, reading a topic back, and the clean-up after it.
 */

import { uniqueName } from '@inlet/scripts/testing';
import { createKafkaReader, valueText } from '@inlet/streams';
import pg from 'pg';
import { type Lsn, parseLsn } from '../cdc/lsn';
import { dropSlot } from '../cdc/slot';

export interface ReadEvent {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON value; null for a tombstone. */
  readonly value: Record<string, unknown> | null;
}

export async function adminClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

export interface CdcNames {
  readonly schema: string;
  readonly slot: string;
  readonly publication: string;
}

/** Unique lower-case names for one test file's schema, slot and publication. */
export function cdcNames(prefix: string): CdcNames {
  const base = uniqueName(prefix).replaceAll('-', '_').toLowerCase();
  return { schema: base, slot: `${base}_slot`, publication: `${base}_pub` };
}

export async function currentWalLsn(client: pg.ClientBase): Promise<Lsn> {
  const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  return parseLsn(rows[0]?.lsn ?? '0/0');
}

/** Waits until the slot confirmed `target` (everything committed before it is in the sink). */
export async function waitForConfirmed(
  client: pg.ClientBase,
  slot: string,
  target: Lsn,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ lsn: string | null }>(
      'SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1',
      [slot],
    );
    const lsn = rows[0]?.lsn;
    if (lsn && parseLsn(lsn) >= target) return;
    if (Date.now() > deadline)
      throw new Error(`slot ${slot} did not confirm ${target} within ${timeoutMs} ms (at ${lsn})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the slot confirmed everything committed so far (the current WAL position). */
export async function waitForCaughtUp(
  client: pg.ClientBase,
  slot: string,
  timeoutMs?: number,
): Promise<void> {
  await waitForConfirmed(client, slot, await currentWalLsn(client), timeoutMs);
}

/** Every record of a topic, from the start to its current end. */
export async function readEvents(brokers: readonly string[], topic: string): Promise<ReadEvent[]> {
  const reader = createKafkaReader({ brokers, clientId: 'cdc-test-reader', logLevel: 'error' });
  const out: ReadEvent[] = [];
  for await (const record of reader.readTopic(topic)) {
    const text = valueText(record);
    out.push({
      partition: record.partition,
      offset: record.offset,
      key: record.key,
      headers: record.headers,
      value: text === null ? null : (JSON.parse(text) as Record<string, unknown>),
    });
  }
  return out;
}

/** Every record of `topic` once the slot confirmed everything committed so far. */
export async function readCaughtUp(
  client: pg.ClientBase,
  slot: string,
  brokers: readonly string[],
  topic: string,
): Promise<ReadEvent[]> {
  await waitForCaughtUp(client, slot);
  return readEvents(brokers, topic);
}

/** Drops the slot (waiting for a walsender that is still letting go), publication and schema. */
export async function cleanUp(client: pg.ClientBase, names: CdcNames): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      await dropSlot(client, names.slot);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await client.query(`DROP PUBLICATION IF EXISTS ${names.publication}`);
  await client.query(`DROP SCHEMA IF EXISTS ${names.schema} CASCADE`);
}

/** `afterAll` of the CDC tests: cleans up after `admin` (when it connected) and closes it. */
export async function cleanUpAndEnd(admin: pg.Client | undefined, names: CdcNames): Promise<void> {
  if (!admin) return;
  await cleanUp(admin, names);
  await admin.end();
}
