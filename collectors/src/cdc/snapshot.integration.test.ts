import { createTestTopic, defined, kafkaBrokers, pgUrl } from '@inlet/scripts/testing';
import { createKafkaSink, type KafkaSink } from '@inlet/streams';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminClient,
  cdcNames,
  cleanUpAndEnd,
  type ReadEvent,
  readEvents,
  waitForCaughtUp,
} from '../testing/cdc-harness';
import { startCdcCollector } from './collector';
import type { SnapshotMode } from './options';

const url = pgUrl();
const brokers = kafkaBrokers();

const ROWS = 3_000;

describe.skipIf(!url || !brokers)('CDC snapshot then stream on real PostgreSQL + Kafka', () => {
  const names = cdcNames('cdc_snap');
  let admin: pg.Client;
  let writer: pg.Client;
  let sink: KafkaSink;

  const table = () => `${names.schema}.accounts`;

  async function run(
    topic: string,
    snapshot: SnapshotMode,
    during?: () => Promise<void>,
  ): Promise<ReadEvent[]> {
    const collector = await startCdcCollector({
      pgUrl: defined(url),
      tables: [table()],
      sink,
      slot: names.slot,
      publication: names.publication,
      topic,
      snapshot,
      heartbeatIntervalMs: 100,
      maxBatchRecords: 500,
    });
    await during?.();
    await collector.streaming;
    await waitForCaughtUp(admin, names.slot);
    await collector.stop();
    return readEvents(defined(brokers), topic);
  }

  beforeAll(async () => {
    admin = await adminClient(defined(url));
    writer = await adminClient(defined(url));
    await admin.query(`CREATE SCHEMA ${names.schema};
      CREATE TABLE ${table()} (id int PRIMARY KEY, balance int NOT NULL, version int NOT NULL DEFAULT 1);
      INSERT INTO ${table()} (id, balance) SELECT g, 100 FROM generate_series(1, ${ROWS}) g;`);
    sink = createKafkaSink({ brokers: defined(brokers), clientId: 'cdc-snap-test', logLevel: 'error' });
  });

  afterAll(async () => {
    await sink?.close();
    await writer?.end();
    await cleanUpAndEnd(admin, names);
  });

  it('takes a snapshot consistent with the stream: every version of every row once, no gap, no overlap', async () => {
    const topic = await createTestTopic(defined(brokers), 'cdc-snap', { partitions: 3 });
    let stop = false;
    let commits = 0;
    // Writes race the slot creation and the snapshot: each one must be in exactly one of the two.
    const writes = (async () => {
      while (!stop || commits < 200) {
        const id = 1 + (commits % ROWS);
        await writer.query(
          `UPDATE ${table()} SET balance = balance + 1, version = version + 1 WHERE id = $1`,
          [id],
        );
        commits += 1;
      }
    })();
    const events = await run(topic, 'initial', async () => {
      await new Promise((r) => setTimeout(r, 300));
      stop = true;
      await writes;
    });

    const reads = events.filter((e) => e.value?.op === 'r');
    expect(reads).toHaveLength(ROWS);
    const markers = reads.map((e) => (e.value?.source as { snapshot?: string } | undefined)?.snapshot);
    expect(markers.filter((m) => m === 'first')).toHaveLength(1);
    expect(markers.filter((m) => m === 'last')).toHaveLength(1);

    // Per row: the snapshot version, then each later version exactly once, in order (one partition per key).
    const versions = new Map<number, number[]>();
    for (const e of events) {
      const after = e.value?.after as { id: number; version: number } | undefined;
      if (!after) continue;
      versions.set(after.id, [...(versions.get(after.id) ?? []), after.version]);
    }
    const { rows } = await admin.query<{ id: number; version: number }>(`SELECT id, version FROM ${table()}`);
    for (const row of rows) {
      const seen = versions.get(row.id) ?? [];
      const first = seen[0] ?? 0;
      expect(seen, `row ${row.id}`).toEqual(
        Array.from({ length: row.version - first + 1 }, (_, i) => first + i),
      );
    }
    expect(commits).toBeGreaterThanOrEqual(200);
    expect(events.filter((e) => e.value?.op === 'u')).toHaveLength(
      rows.reduce((n, r) => n + r.version - 1, 0) -
        reads.reduce(
          (n, e) => n + ((e.value?.after as { version?: number } | undefined)?.version ?? 1) - 1,
          0,
        ),
    );
  });

  it('streams without a snapshot when the slot already exists (initial) and in mode never', async () => {
    await admin.query(`UPDATE ${table()} SET version = version + 1 WHERE id = 1`);
    const again = await run(await createTestTopic(defined(brokers), 'cdc-snap-again'), 'initial');
    expect(again.filter((e) => e.value?.op === 'r')).toEqual([]);
    expect(again.map((e) => e.value?.op)).toEqual(['u']);
    const never = await run(await createTestTopic(defined(brokers), 'cdc-snap-never'), 'never');
    expect(never.filter((e) => e.value?.op === 'r')).toEqual([]);
  });

  it('snapshots again on every start in mode always', async () => {
    const events = await run(await createTestTopic(defined(brokers), 'cdc-snap-always'), 'always');
    expect(events.filter((e) => e.value?.op === 'r')).toHaveLength(ROWS);
  });
});
