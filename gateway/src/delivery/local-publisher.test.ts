import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalLog, readLocalTopic, type SinkRecord } from '@inlet/streams';
import { MemorySink } from '@inlet/streams/testing';
import { describe, expect, it } from 'vitest';
import { LocalPublisher } from './local-publisher';

const rec = (id: string): SinkRecord => ({
  topic: 'topic_app_events',
  key: 'u1',
  value: id,
  headers: { 'message-id': id },
});

describe('LocalPublisher', () => {
  it('resolves via local once the records are in the log, readable from another reader', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-gw-local-'));
    try {
      const log = await openLocalLog({ dataDir: dir, logLevel: 'silent' });
      const p = new LocalPublisher(log, { coalesceMs: 1 });
      const results = await Promise.all([p.publish([rec('a'), rec('b')]), p.publish([rec('c')])]);
      expect(results).toEqual([
        { ok: true, via: 'local' },
        { ok: true, via: 'local' },
      ]);
      const stored = [];
      for await (const r of readLocalTopic(dir, 'topic_app_events')) stored.push(r.value);
      expect(stored).toEqual(['a', 'b', 'c']);
      expect(p.status()).toEqual({ ready: true, sink: 'local' });
      await p.close();
      expect(p.status().ready).toBe(false);
      expect(await p.publish([rec('d')])).toMatchObject({ ok: false, reason: 'shutting-down' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers unavailable with a Retry-After when the log refuses the write', async () => {
    const sink = new MemorySink();
    sink.failNext();
    const p = new LocalPublisher(sink, { retryAfterSeconds: 3 });
    expect(await p.publish([rec('a')])).toMatchObject({
      ok: false,
      reason: 'unavailable',
      retryAfterSeconds: 3,
    });
    expect(await p.publish([rec('b')])).toEqual({ ok: true, via: 'local' });
    await p.close();
  });
});
