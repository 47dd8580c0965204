import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined, pgUrl } from '../testing';

const url = pgUrl();

describe.skipIf(!url)('PostgreSQL for CDC', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: defined(url) });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it('runs with wal_level=logical', async () => {
    const { rows } = await client.query<{ wal_level: string }>('SHOW wal_level');
    expect(rows[0]?.wal_level).toBe('logical');
  });

  it('creates a pgoutput logical replication slot over a replication connection', async () => {
    const slot = `it_slot_${Date.now().toString(36)}`;
    // pg supports replication connections; @types/pg does not declare the option.
    const config: pg.ClientConfig & { replication: 'database' } = {
      connectionString: defined(url),
      replication: 'database',
    };
    const replication = new pg.Client(config);
    await replication.connect();
    try {
      const identify = await replication.query<{ systemid: string; xlogpos: string }>('IDENTIFY_SYSTEM');
      expect(identify.rows[0]?.xlogpos).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      const created = await replication.query<{ slot_name: string; consistent_point: string }>(
        `CREATE_REPLICATION_SLOT ${slot} LOGICAL pgoutput`,
      );
      expect(created.rows[0]?.slot_name).toBe(slot);
      const { rows } = await client.query<{ plugin: string; slot_type: string }>(
        'SELECT plugin, slot_type FROM pg_replication_slots WHERE slot_name = $1',
        [slot],
      );
      expect(rows).toEqual([{ plugin: 'pgoutput', slot_type: 'logical' }]);
    } finally {
      await replication.end();
      await client.query(
        'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1',
        [slot],
      );
    }
  });
});
