import {
  isSinkRecordError,
  openLocalLog,
  type Sink,
  type SinkRecord,
  type TopicReader,
  valueText,
} from '@inlet/streams';
import { MemorySink } from '@inlet/streams/testing';
import { describe, expect, it } from 'vitest';
import { collect, tempDir } from './testing/local-log-records';

// Only the public entry points: what other packages see.
async function roundTrip(sink: Sink & TopicReader) {
  const records: SinkRecord[] = [
    {
      topic: 'topic_app_events',
      key: 'anon-1',
      value: JSON.stringify({ event: 'Signed Up' }),
      headers: { 'content-type': 'application/json' },
    },
    { topic: 'topic_user_state', key: 'user-1', value: null },
  ];
  expect((await sink.append(records)).count).toBe(2);
  const error = await sink.append([{ topic: '', key: null, value: 'x' }]).catch((e: unknown) => e);
  expect(isSinkRecordError(error)).toBe(true);
  expect(sink.ready()).toBe(true);
  const events = await collect(sink.readTopic('topic_app_events'));
  const state = await collect(sink.readTopic('topic_user_state'));
  await sink.close();
  return { events, state };
}

describe('@inlet/streams public surface', () => {
  it('LocalLog and MemorySink behave alike through the Sink interface', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const log = await openLocalLog({ dataDir: dir });
      const fromLog = await roundTrip(log);
      const fromMemory = await roundTrip(new MemorySink());
      for (const result of [fromLog, fromMemory]) {
        expect(result.events.map((r) => [r.key, valueText(r), r.headers])).toEqual([
          ['anon-1', '{"event":"Signed Up"}', { 'content-type': 'application/json' }],
        ]);
        expect(result.state.map((r) => [r.key, r.value])).toEqual([['user-1', null]]);
      }
      expect(log.health().state).toBe('closed');
    } finally {
      await cleanup();
    }
  });
});
