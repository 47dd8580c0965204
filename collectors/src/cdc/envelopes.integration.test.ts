import { CdcChangeRecordSchema } from '@inlet/schemas';
import { createTestTopic, defined, kafkaBrokers, pgUrl } from '@inlet/scripts/testing';
import { createKafkaSink, type KafkaSink } from '@inlet/streams';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, cdcNames, cleanUpAndEnd, readCaughtUp, waitForCaughtUp } from '../testing/cdc-harness';
import { type CdcCollector, startCdcCollector } from './collector';
import { UNAVAILABLE_VALUE } from './column-types';

const url = pgUrl();
const brokers = kafkaBrokers();

describe.skipIf(!url || !brokers)('CDC envelopes on real PostgreSQL + Kafka', () => {
  const names = cdcNames('cdc_env');
  const big = (c: string) => c.repeat(3_000);
  let admin: pg.Client;
  let sink: KafkaSink;
  let topic: string;
  let collector: CdcCollector;
  let seen = 0;

  /** Runs SQL, waits until the collector confirmed it, returns the events it produced. */
  async function changes(sql: string) {
    await admin.query(sql);
    const all = await readCaughtUp(admin, names.slot, defined(brokers), topic);
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh;
  }

  beforeAll(async () => {
    admin = await adminClient(defined(url));
    const s = names.schema;
    await admin.query(`CREATE SCHEMA ${s};
      CREATE TABLE ${s}.items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2), doc jsonb,
        tags text[], seen_at timestamptz, day date, blob bytea, big text, version int NOT NULL DEFAULT 1);
      ALTER TABLE ${s}.items ALTER COLUMN big SET STORAGE EXTERNAL;
      CREATE TABLE ${s}.full_items (id int PRIMARY KEY, big text, version int NOT NULL DEFAULT 1);
      ALTER TABLE ${s}.full_items ALTER COLUMN big SET STORAGE EXTERNAL;
      ALTER TABLE ${s}.full_items REPLICA IDENTITY FULL;`);
    topic = await createTestTopic(defined(brokers), 'cdc-env', { partitions: 1 });
    sink = createKafkaSink({ brokers: defined(brokers), clientId: 'cdc-env-test', logLevel: 'error' });
    collector = await startCdcCollector({
      pgUrl: defined(url),
      tables: [`${s}.items`, `${s}.full_items`],
      sink,
      slot: names.slot,
      publication: names.publication,
      topic,
      heartbeatIntervalMs: 100,
      statusIntervalMs: 1_000,
    });
    await collector.streaming;
  });

  afterAll(async () => {
    await collector?.stop();
    await sink?.close();
    await cleanUpAndEnd(admin, names);
  });

  it('streams an insert as op c, keyed by the primary key, with Debezium type encodings', async () => {
    const [event, ...rest] = await changes(
      `INSERT INTO ${names.schema}.items VALUES (1, 'kettle', 19.90, '{"w": [1, 2]}', '{a,"b c"}',
        '2024-05-01 10:00:00.25+02', '2024-05-01', '\\x00ff', '${big('k')}', 1)`,
    );
    expect(rest).toEqual([]);
    expect(event?.key).toBe('{"id":1}');
    const value = CdcChangeRecordSchema.parse(event?.value);
    expect(value).toMatchObject({
      op: 'c',
      before: null,
      after: {
        id: 1,
        name: 'kettle',
        price: '19.90',
        doc: { w: [1, 2] },
        tags: ['a', 'b c'],
        seen_at: '2024-05-01T08:00:00.25Z',
        day: '2024-05-01Z',
        blob: 'AP8=',
        big: big('k'),
        version: 1,
      },
      source: { connector: 'postgresql', schema: names.schema, table: 'items', snapshot: 'false' },
    });
    expect(value.source.txId).toEqual(expect.any(Number));
    expect(value.source.ts_ms).toBeLessThanOrEqual(value.ts_ms);
  });

  it('sends an update with REPLICA IDENTITY DEFAULT with no before and the unchanged TOAST placeholder', async () => {
    const [event] = await changes(
      `UPDATE ${names.schema}.items SET name = 'kettle 2', version = 2 WHERE id = 1`,
    );
    expect(event?.value).toMatchObject({
      op: 'u',
      before: null,
      after: { id: 1, name: 'kettle 2', big: UNAVAILABLE_VALUE, version: 2 },
    });
  });

  it('sends the whole old row and the real TOAST value with REPLICA IDENTITY FULL', async () => {
    await changes(`INSERT INTO ${names.schema}.full_items VALUES (1, '${big('f')}', 1)`);
    const [event] = await changes(`UPDATE ${names.schema}.full_items SET version = 2 WHERE id = 1`);
    expect(event?.value).toMatchObject({
      op: 'u',
      before: { id: 1, big: big('f'), version: 1 },
      after: { id: 1, big: big('f'), version: 2 },
    });
  });

  it('turns a primary-key change into delete + tombstone + create', async () => {
    const events = await changes(`UPDATE ${names.schema}.items SET id = 2, version = 3 WHERE id = 1`);
    expect(events.map((e) => [e.key, e.value?.op ?? null])).toEqual([
      ['{"id":1}', 'd'],
      ['{"id":1}', null],
      ['{"id":2}', 'c'],
    ]);
    expect(events[2]?.headers['__debezium.oldkey']).toBe('{"id":1}');
  });

  it('follows a delete with a tombstone; DEFAULT gives the key only, FULL the whole row', async () => {
    const events = await changes(
      `DELETE FROM ${names.schema}.items WHERE id = 2; DELETE FROM ${names.schema}.full_items WHERE id = 1`,
    );
    expect(events).toHaveLength(4);
    expect(events[0]?.value).toMatchObject({
      op: 'd',
      before: { id: 2, name: null, version: null },
      after: null,
    });
    expect(events[1]).toMatchObject({ key: '{"id":2}', value: null });
    expect(events[2]?.value).toMatchObject({ op: 'd', before: { id: 1, big: big('f'), version: 2 } });
    expect(events[3]).toMatchObject({ key: '{"id":1}', value: null });
  });

  it('picks up a new column from the Relation message that follows ALTER TABLE', async () => {
    await admin.query(`ALTER TABLE ${names.schema}.items ADD COLUMN rating real`);
    const [event] = await changes(
      `INSERT INTO ${names.schema}.items (id, name, rating) VALUES (3, 'cup', 4.5)`,
    );
    expect(event?.value).toMatchObject({ op: 'c', after: { id: 3, name: 'cup', rating: 4.5, big: null } });
  });

  it('sends a truncate as op t with a null key', async () => {
    const events = await changes(`TRUNCATE ${names.schema}.items`);
    expect(events).toHaveLength(1);
    expect(events[0]?.key).toBeNull();
    expect(events[0]?.value).toMatchObject({
      op: 't',
      before: null,
      after: null,
      source: { table: 'items' },
    });
  });

  it('rides out a dropped replication connection, resuming from the slot', async () => {
    const before = collector.status().restarts;
    await admin.query(
      `SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = $1 AND active_pid IS NOT NULL`,
      [names.slot],
    );
    const [event] = await changes(
      `INSERT INTO ${names.schema}.items (id, name) VALUES (4, 'after the drop')`,
    );
    expect(event?.value).toMatchObject({ op: 'c', after: { id: 4, name: 'after the drop' } });
    expect(collector.status().restarts).toBe(before + 1);
    expect(collector.status().phase).toBe('streaming');
  });

  it('keeps the slot moving with heartbeats while captured tables are idle', async () => {
    // Writes elsewhere in the database: nothing for the collector, yet the slot must not pin the WAL.
    await admin.query(
      `CREATE TABLE ${names.schema}.other (x int); INSERT INTO ${names.schema}.other SELECT generate_series(1, 5000)`,
    );
    await waitForCaughtUp(admin, names.slot, 10_000);
    expect(collector.status()).toMatchObject({ phase: 'streaming', ok: true });
  });
});
