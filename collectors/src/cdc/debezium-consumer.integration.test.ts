/**
 * A consumer written from Debezium's PostgreSQL connector documentation ("Data change events", JSON
 * converter with schemas.enable=false), not from Inlet's schema: it materialises tables from the topic
 * and must end up with what is in the database.
 *
 * From the docs:
 * - the key is a JSON object of the primary-key columns; a truncate has a null key;
 * - the value is the envelope `{before, after, source, op, ts_ms}`; `op` is c (create), u (update),
 *   d (delete), r (read, snapshot), t (truncate), m (message);
 * - "the PostgreSQL connector follows a delete event with a special tombstone event that has the same
 *   key but a null value";
 * - `source` has version, connector ("postgresql"), name, ts_ms (when the change was made in the
 *   database), snapshot, db, sequence, schema, table, txId, lsn, xmin; comparing `payload.source.ts_ms`
 *   with `payload.ts_ms` gives the lag.
 */
import { randomUUID } from 'node:crypto';
import { createTestTopic, defined, kafkaBrokers, pgUrl } from '@inlet/scripts/testing';
import { migrate, OLTP_TABLES, runOltpWorkload } from '@inlet/simulators/oltp';
import { createKafkaSink, type KafkaSink } from '@inlet/streams';
import { Kafka, logLevel } from 'kafkajs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, cdcNames, cleanUpAndEnd, waitForCaughtUp } from '../testing/cdc-harness';
import { startCdcCollector } from './collector';

const url = pgUrl();
const brokers = kafkaBrokers();

type Json = Record<string, unknown>;
interface DebeziumValue {
  before: Json | null;
  after: Json | null;
  source: { connector: string; ts_ms: number; schema: string; table: string; lsn: number; snapshot?: string };
  op: 'c' | 'u' | 'd' | 'r' | 't' | 'm';
  ts_ms: number;
}

/** Reads the whole topic with a plain kafkajs consumer and applies it, Debezium-style, to tables in memory. */
async function materialise(brokerList: string[], topic: string) {
  const kafka = new Kafka({
    clientId: 'debezium-doc-consumer',
    brokers: brokerList,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(ends.map((p) => [p.partition, BigInt(p.high)]));
  for (const [p, high] of remaining) if (high === 0n) remaining.delete(p);

  const tables = new Map<string, Map<string, Json>>();
  const table = (s: DebeziumValue['source']) => {
    const name = `${s.schema}.${s.table}`;
    if (!tables.has(name)) tables.set(name, new Map());
    return tables.get(name) as Map<string, Json>;
  };
  const problems: string[] = [];
  let tombstones = 0;
  let events = 0;
  const consumer = kafka.consumer({ groupId: `debezium-doc-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    if (remaining.size === 0) resolve();
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          const key = message.key === null ? null : (JSON.parse(message.key.toString()) as Json);
          if (message.value === null) {
            tombstones += 1; // compaction marker: the delete before it already removed the row
          } else {
            const v = JSON.parse(message.value.toString()) as DebeziumValue;
            events += 1;
            if (v.source.connector !== 'postgresql') problems.push(`connector ${v.source.connector}`);
            if (v.ts_ms < v.source.ts_ms - 5)
              problems.push(`processed before committed: ${v.ts_ms} < ${v.source.ts_ms}`);
            const rows = table(v.source);
            const id = JSON.stringify(key);
            if (v.op === 'c' || v.op === 'r' || v.op === 'u') rows.set(id, v.after ?? {});
            else if (v.op === 'd') rows.delete(id);
            else if (v.op === 't') rows.clear();
            else problems.push(`unexpected op ${v.op}`);
          }
          const high = remaining.get(partition);
          if (high !== undefined && BigInt(message.offset) + 1n >= high) remaining.delete(partition);
          if (remaining.size === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return { tables, problems, tombstones, events };
}

describe.skipIf(!url || !brokers)('a consumer written from Debezium docs reads Inlet CDC events', () => {
  const names = cdcNames('cdc_dbz');
  let admin: pg.Client;
  let sink: KafkaSink;

  beforeAll(async () => {
    admin = await adminClient(defined(url));
    await migrate(admin, names.schema);
    sink = createKafkaSink({ brokers: defined(brokers), clientId: 'cdc-dbz-test', logLevel: 'error' });
  });

  afterAll(async () => {
    await sink?.close();
    await cleanUpAndEnd(admin, names);
  });

  it('ends up with the same rows as the database (snapshot + stream, deletes, tombstones)', async () => {
    const pgUrlValue = defined(url);
    // Rows before the collector starts come through the snapshot, the rest through the stream.
    await runOltpWorkload({
      pgUrl: pgUrlValue,
      schema: names.schema,
      profile: 'load',
      maxChanges: 400,
      seed: 7,
    });
    const topic = await createTestTopic(defined(brokers), 'cdc-dbz', { partitions: 3 });
    const collector = await startCdcCollector({
      pgUrl: pgUrlValue,
      tables: OLTP_TABLES.map((t) => `${names.schema}.${t}`),
      sink,
      slot: names.slot,
      publication: names.publication,
      topic,
      heartbeatIntervalMs: 100,
    });
    await collector.streaming;
    await runOltpWorkload({
      pgUrl: pgUrlValue,
      schema: names.schema,
      profile: 'load',
      maxChanges: 1_500,
      seed: 8,
    });
    await waitForCaughtUp(admin, names.slot);
    await collector.stop();

    const { tables, problems, tombstones, events } = await materialise(defined(brokers), topic);
    expect(problems).toEqual([]);
    expect(events).toBeGreaterThan(1_500);
    expect(tombstones).toBeGreaterThan(0);
    for (const name of OLTP_TABLES) {
      const { rows } = await admin.query<{ id: string; version: number; created: string }>(
        `SELECT id::text, version FROM ${names.schema}.${name} ORDER BY id`,
      );
      const materialised = tables.get(`${names.schema}.${name}`) ?? new Map<string, Json>();
      const expected = Object.fromEntries(rows.map((r) => [JSON.stringify({ id: Number(r.id) }), r.version]));
      const actual = Object.fromEntries([...materialised].map(([k, row]) => [k, row.version]));
      expect(actual, name).toEqual(expected);
    }
  });
});
