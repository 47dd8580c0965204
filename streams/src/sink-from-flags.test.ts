import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaSink } from './kafka/kafka-sink';
import { LocalLog } from './local-log/local-log';
import { chooseTopicStore, describeTopicStore, openSink, topicStoreOf } from './sink-from-flags';
import { tempDir } from './testing/local-log-records';

describe('chooseTopicStore', () => {
  it('takes Kafka from --brokers, else from KAFKA_BROKERS (IPv6 included)', () => {
    expect(chooseTopicStore({ brokers: 'a:1, b:2' })).toEqual({
      ok: true,
      store: { kind: 'kafka', brokers: ['a:1', 'b:2'] },
    });
    expect(chooseTopicStore({ brokers: 'a:1', envBrokers: 'b:2' })).toMatchObject({
      store: { brokers: ['a:1'] },
    });
    expect(chooseTopicStore({ envBrokers: ' [::1]:9092 ' })).toEqual({
      ok: true,
      store: { kind: 'kafka', brokers: ['[::1]:9092'] },
    });
  });

  it('uses the local log without brokers, in --data-dir or the default', () => {
    expect(chooseTopicStore({})).toEqual({ ok: true, store: { kind: 'local', dataDir: './data' } });
    expect(chooseTopicStore({ envBrokers: '  ' })).toEqual({
      ok: true,
      store: { kind: 'local', dataDir: './data' },
    });
    expect(chooseTopicStore({ defaultDataDir: './data/processor' })).toMatchObject({
      store: { dataDir: './data/processor' },
    });
  });

  it('lets --data-dir win over KAFKA_BROKERS, bad or not', () => {
    for (const envBrokers of ['h:1', 'not a broker']) {
      expect(chooseTopicStore({ dataDir: 'd', envBrokers })).toEqual({
        ok: true,
        store: { kind: 'local', dataDir: 'd' },
      });
    }
  });

  it('refuses --brokers with --data-dir', () => {
    expect(chooseTopicStore({ brokers: 'a:1', dataDir: 'd' })).toEqual({ ok: false, problem: 'both' });
    expect(chooseTopicStore({ brokers: '', dataDir: 'd' })).toEqual({ ok: false, problem: 'both' });
  });

  it('says which list is bad, where it came from and its first bad entry', () => {
    expect(chooseTopicStore({ brokers: 'a:1,localhost' })).toEqual({
      ok: false,
      problem: 'brokers',
      source: 'flag',
      text: 'a:1,localhost',
      entry: 'localhost',
      reason: expect.stringMatching(/^has "localhost", which is not host:port/),
    });
    expect(chooseTopicStore({ envBrokers: ' oops ' })).toMatchObject({ source: 'env', text: 'oops' });
    expect(chooseTopicStore({ brokers: ' , ' })).toEqual({
      ok: false,
      problem: 'brokers',
      source: 'flag',
      text: ' , ',
      reason: 'is empty',
    });
  });
});

describe('topicStoreOf', () => {
  it('is Kafka with any broker and the local log with none', () => {
    expect(topicStoreOf(['a:1'], 'd')).toEqual({ kind: 'kafka', brokers: ['a:1'] });
    expect(topicStoreOf([], 'd')).toEqual({ kind: 'local', dataDir: 'd' });
    expect(topicStoreOf(undefined, 'd')).toEqual({ kind: 'local', dataDir: 'd' });
  });
});

describe('openSink', () => {
  it('opens the local log under the data dir', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const opened = await openSink({ kind: 'local', dataDir: dir }, { local: { logLevel: 'silent' } });
      expect(opened).toMatchObject({ kind: 'local', dataDir: dir });
      expect(opened.sink).toBeInstanceOf(LocalLog);
      await opened.sink.append([{ topic: 't', key: null, value: 'v' }]);
      expect((opened.sink as LocalLog).usage().map((u) => u.topic)).toEqual(['t']);
      await opened.sink.close();
      expect(describeTopicStore({ kind: 'local', dataDir: join(dir, 'x') })).toBe(
        `local log in ${join(dir, 'x')}`,
      );
    } finally {
      await cleanup();
    }
  });

  it('creates the Kafka sink without connecting', async () => {
    const opened = await openSink(
      { kind: 'kafka', brokers: ['127.0.0.1:1'] },
      { kafka: { clientId: 'test', logLevel: 'silent' } },
    );
    expect(opened).toMatchObject({ kind: 'kafka', brokers: ['127.0.0.1:1'] });
    expect(opened.sink).toBeInstanceOf(KafkaSink);
    expect(opened.sink.health()).toMatchObject({ kind: 'kafka', state: 'starting' });
    await opened.sink.close();
    expect(describeTopicStore({ kind: 'kafka', brokers: ['a:1', 'b:2'] })).toBe('Kafka a:1,b:2');
  });
});
