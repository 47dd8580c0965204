import { CdcChangeRecordSchema } from '@inlet/schemas';
import type { SinkRecord } from '@inlet/streams';
import type { Pgoutput } from 'pg-logical-replication';
import { describe, expect, it } from 'vitest';
import { UNAVAILABLE_VALUE } from './column-types';
import { type DecodedEvent, PgoutputDecoder } from './decoder';
import { LSN_HEADER } from './envelope';
import { CdcStreamError } from './errors';

const column = (name: string, typeOid: number, key = false): Pgoutput.RelationColumn => ({
  name,
  flags: key ? 1 : 0,
  typeOid,
  typeMod: -1,
  typeSchema: null,
  typeName: null,
  parser: (raw: unknown) => raw,
});

const relation = (
  replicaIdentity: Pgoutput.MessageRelation['replicaIdentity'] = 'default',
  extra: Pgoutput.RelationColumn[] = [],
): Pgoutput.MessageRelation => {
  const columns = [
    column('id', 20, true),
    column('bio', 25, replicaIdentity === 'full'),
    column('version', 23, replicaIdentity === 'full'),
    ...extra,
  ];
  return {
    tag: 'relation',
    relationOid: 16_384,
    schema: 'public',
    name: 'users',
    replicaIdentity,
    columns,
    keyColumns: columns.filter((c) => c.flags & 1).map((c) => c.name),
  };
};

// 2024-01-01T00:00:00.123456Z in µs since the Unix epoch, as the parser hands it over.
const COMMIT_US = 1_704_067_200_123_456n;
const begin: Pgoutput.MessageBegin = {
  tag: 'begin',
  commitLsn: '00000000/01000100',
  commitTime: COMMIT_US,
  xid: 777,
};
const commit: Pgoutput.MessageCommit = {
  tag: 'commit',
  flags: 0,
  commitLsn: '00000000/01000100',
  commitEndLsn: '00000000/01000130',
  commitTime: COMMIT_US,
};

function decoder(primaryKeys: [string, string[]][] = []) {
  return new PgoutputDecoder({
    identity: { version: '0.1.0.Inlet', name: 'inlet', db: 'travel' },
    topicFor: () => 'topic_cdc_changes',
    primaryKeys: new Map(primaryKeys),
    now: () => 1_704_067_201_000,
  });
}

function records(event: DecodedEvent | undefined): SinkRecord[] {
  if (event?.kind !== 'records') throw new Error(`expected records, got ${event?.kind}`);
  return event.records;
}
const value = (r: SinkRecord | undefined) => JSON.parse(String(r?.value));

function run(d: PgoutputDecoder, rel: Pgoutput.MessageRelation, change: Pgoutput.Message): SinkRecord[] {
  d.handle('0/0', rel);
  d.handle('0/1000000', begin);
  return records(d.handle('0/1000028', change));
}

describe('PgoutputDecoder', () => {
  it('turns an insert into a create event keyed by the primary key', () => {
    const rel = relation();
    const [record, ...rest] = run(decoder(), rel, {
      tag: 'insert',
      relation: rel,
      new: { id: '1', bio: 'hello', version: '1' },
    });
    expect(rest).toEqual([]);
    expect(record?.key).toBe('{"id":1}');
    expect(record?.topic).toBe('topic_cdc_changes');
    expect(record?.headers?.[LSN_HEADER]).toBe(String(0x1000028));
    const v = value(record);
    expect(CdcChangeRecordSchema.parse(v)).toBeTruthy();
    expect(v).toMatchObject({
      op: 'c',
      before: null,
      after: { id: 1, bio: 'hello', version: 1 },
      ts_ms: 1_704_067_201_000,
      source: {
        connector: 'postgresql',
        name: 'inlet',
        db: 'travel',
        schema: 'public',
        table: 'users',
        ts_ms: 1_704_067_200_123,
        ts_us: 1_704_067_200_123_456,
        snapshot: 'false',
        txId: 777,
        lsn: 0x1000028,
        sequence: `[null,"${0x1000028}"]`,
      },
    });
  });

  it('sends an update under REPLICA IDENTITY DEFAULT with no before and the TOAST placeholder', () => {
    const rel = relation();
    const [record] = run(decoder(), rel, {
      tag: 'update',
      relation: rel,
      key: null,
      old: null,
      new: { id: '1', bio: undefined, version: '2' },
    });
    expect(value(record)).toMatchObject({
      op: 'u',
      before: null,
      after: { id: 1, bio: UNAVAILABLE_VALUE, version: 2 },
    });
  });

  it('sends the whole old row under REPLICA IDENTITY FULL, keyed by the catalog primary key', () => {
    const rel = relation('full');
    const [record] = run(decoder([['public.users', ['id']]]), rel, {
      tag: 'update',
      relation: rel,
      key: null,
      old: { id: '1', bio: 'a', version: '1' },
      new: { id: '1', bio: 'b', version: '2' },
    });
    expect(record?.key).toBe('{"id":1}');
    expect(value(record)).toMatchObject({
      op: 'u',
      before: { id: 1, bio: 'a', version: 1 },
      after: { bio: 'b' },
    });
  });

  it('turns a primary-key change into delete + tombstone + create, as Debezium does', () => {
    const rel = relation();
    const out = run(decoder(), rel, {
      tag: 'update',
      relation: rel,
      key: { id: '1' },
      old: null,
      new: { id: '2', bio: 'x', version: '2' },
    });
    expect(out.map((r) => [r.key, r.value === null ? null : value(r).op])).toEqual([
      ['{"id":1}', 'd'],
      ['{"id":1}', null],
      ['{"id":2}', 'c'],
    ]);
    expect(out[0]?.headers?.['__debezium.newkey']).toBe('{"id":2}');
    expect(out[2]?.headers?.['__debezium.oldkey']).toBe('{"id":1}');
  });

  it('follows a delete with a tombstone; DEFAULT identity gives the key only', () => {
    const rel = relation();
    const out = run(decoder(), rel, { tag: 'delete', relation: rel, key: { id: '5' }, old: null });
    expect(out).toHaveLength(2);
    expect(value(out[0])).toMatchObject({
      op: 'd',
      before: { id: 5, bio: null, version: null },
      after: null,
    });
    expect(out[1]).toMatchObject({ key: '{"id":5}', value: null, topic: 'topic_cdc_changes' });
  });

  it('sends a truncate as op t with a null key, one per table', () => {
    const rel = relation();
    const out = run(decoder(), rel, {
      tag: 'truncate',
      cascade: false,
      restartIdentity: false,
      relations: [rel],
    });
    expect(out).toHaveLength(1);
    expect(out[0]?.key).toBeNull();
    expect(value(out[0])).toMatchObject({ op: 't', before: null, after: null, source: { table: 'users' } });
  });

  it('marks commits with their end LSN in either spelling, and chains source.sequence', () => {
    const d = decoder();
    const rel = relation();
    run(d, rel, { tag: 'insert', relation: rel, new: { id: '1', bio: null, version: '1' } });
    const mark = d.handle('0/1000130', commit);
    expect(mark).toEqual({ kind: 'commit', endLsn: 0x1000130n, commitTimeUs: COMMIT_US });
    d.handle('0/1000200', begin);
    const [next] = records(
      d.handle('0/1000228', { tag: 'insert', relation: rel, new: { id: '2', bio: null, version: '1' } }),
    );
    expect(value(next).source.sequence).toBe(`["${0x1000100}","${0x1000228}"]`);
  });

  it('picks up schema changes from a new Relation message', () => {
    const d = decoder();
    run(d, relation(), { tag: 'insert', relation: relation(), new: { id: '1', bio: null, version: '1' } });
    d.handle('0/1000130', commit);
    const wider = relation('default', [column('tags', 1009)]);
    const [record] = run(d, wider, {
      tag: 'insert',
      relation: wider,
      new: { id: '2', bio: null, version: '1', tags: '{a,b}' },
    });
    expect(value(record).after).toEqual({ id: 2, bio: null, version: 1, tags: ['a', 'b'] });
  });

  it('ignores logical messages (heartbeats) and refuses changes outside a transaction', () => {
    const d = decoder();
    const rel = relation();
    d.handle('0/0', rel);
    expect(
      d.handle('0/1', {
        tag: 'message',
        flags: 1,
        transactional: true,
        messageLsn: '0/1',
        prefix: 'inlet-cdc-heartbeat',
        content: new Uint8Array(),
      }),
    ).toBeUndefined();
    expect(() => d.handle('0/2', { tag: 'insert', relation: rel, new: { id: '1' } })).toThrow(CdcStreamError);
  });
});
