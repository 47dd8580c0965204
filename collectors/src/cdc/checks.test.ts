import { MemorySink } from '@inlet/streams/testing';
import { describe, expect, it } from 'vitest';
import { CdcConfigError } from './errors';
import { resolveOptions } from './options';
import { checkServer, type ServerFacts } from './preflight';
import { checkSlot, type SlotState } from './slot';
import { snapshotMarker } from './snapshot';
import { parseTables } from './tables';

const facts: ServerFacts = {
  database: 'travel',
  walLevel: 'logical',
  serverVersionNum: 180_000,
  user: 'cdc',
  canReplicate: true,
};

function fixOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CdcConfigError) return `${error.message} | ${error.fix}`;
    throw error;
  }
  return 'no error';
}

describe('server checks', () => {
  it('accepts a logical-replication-ready server', () => {
    expect(() => checkServer(facts)).not.toThrow();
  });

  it('explains wal_level that is not logical, and that a restart is needed', () => {
    expect(fixOf(() => checkServer({ ...facts, walLevel: 'replica' }))).toMatch(
      /wal_level is "replica".*\| run ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL/,
    );
  });

  it('explains a role without REPLICATION', () => {
    expect(fixOf(() => checkServer({ ...facts, canReplicate: false }))).toMatch(
      /role "cdc" has no REPLICATION attribute \| ALTER ROLE "cdc" WITH REPLICATION;/,
    );
  });

  it('refuses servers older than 12', () => {
    expect(fixOf(() => checkServer({ ...facts, serverVersionNum: 110_005 }))).toMatch(
      /PostgreSQL 12 or newer/,
    );
  });
});

describe('slot checks', () => {
  const slot: SlotState = {
    plugin: 'pgoutput',
    database: 'travel',
    active: false,
    activePid: null,
    confirmedFlush: 1n,
    restartLsn: 1n,
  };
  it('accepts our own idle pgoutput slot', () => {
    expect(() => checkSlot('s', slot, 'travel')).not.toThrow();
  });
  it.each([
    [{ plugin: 'wal2json' }, /uses the wal2json plugin.*pg_drop_replication_slot/],
    [{ database: 'other' }, /belongs to database "other"/],
    [{ active: true, activePid: 42 }, /in use by backend pid 42.*stop the other inlet-cdc/],
  ])('refuses %j', (change, message) => {
    expect(fixOf(() => checkSlot('s', { ...slot, ...change }, 'travel'))).toMatch(message);
  });
});

describe('table names', () => {
  it('defaults to the public schema and drops duplicates', () => {
    expect(parseTables(' users , public.users,travel.bookings,')).toEqual([
      { schema: 'public', table: 'users' },
      { schema: 'travel', table: 'bookings' },
    ]);
  });
  it.each(['', ' , ', 'a;drop', '1abc', 'a.b.c', 'x."y"'])('refuses %j', (list) => {
    expect(() => parseTables(list)).toThrow(CdcConfigError);
  });
});

describe('collector options', () => {
  const sink = new MemorySink();
  const base = { pgUrl: 'postgres://h/db', tables: ['users'], sink };

  it('fills the defaults once', () => {
    const o = resolveOptions(base);
    expect(o).toMatchObject({
      slot: 'inlet_cdc',
      publication: 'inlet_cdc',
      snapshot: 'initial',
      heartbeatIntervalMs: 10_000,
    });
    expect(o.topicFor('public', 'users')).toBe('topic_cdc_changes');
  });

  it('names per-table topics as Debezium does', () => {
    const o = resolveOptions({ ...base, topicPerTable: true, serverName: 'shop' });
    expect(o.topicFor('public', 'users')).toBe('shop.public.users');
  });

  it.each([
    [{ slot: 'Bad-Slot' }, /slot name "Bad-Slot"/],
    [{ publication: 'a b' }, /publication name "a b"/],
    [{ pgUrl: 'mysql://h/db' }, /not a postgres:\/\/ URL/],
    [{ tables: [] }, /no tables/],
    [{ heartbeatIntervalMs: -1 }, /heartbeat interval/],
  ])('refuses %j', (change, message) => {
    expect(() => resolveOptions({ ...base, ...change } as typeof base)).toThrow(message);
  });
});

describe('snapshot markers', () => {
  const at = (firstOverall: boolean, lastOverall: boolean, firstInTable: boolean, lastInTable: boolean) =>
    snapshotMarker({ firstOverall, lastOverall, firstInTable, lastInTable });
  it('marks the first and last record of the snapshot and of each table like Debezium', () => {
    expect(at(true, false, true, false)).toBe('first');
    expect(at(false, true, false, true)).toBe('last');
    expect(at(false, false, true, false)).toBe('first_in_data_collection');
    expect(at(false, false, false, true)).toBe('last_in_data_collection');
    expect(at(false, false, false, false)).toBe('true');
  });
});
