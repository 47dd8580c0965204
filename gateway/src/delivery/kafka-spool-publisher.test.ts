import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalLog, openLocalLog, type SinkRecord, SinkRecordError } from '@inlet/streams';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlledSink, waitFor } from '../testing/controlled-sink';
import { KafkaSpoolPublisher, type KafkaSpoolPublisherOptions } from './kafka-spool-publisher';
import { ReplayPositions } from './replay-positions';
import { QUARANTINE_PREFIX, QUARANTINE_REASON_HEADER } from './replayer';

const TOPIC = 'topic_app_events';
const rec = (id: string, key = 'user-1'): SinkRecord => ({
  topic: TOPIC,
  key,
  value: JSON.stringify({ messageId: id }),
  headers: { 'message-id': id },
});
const ids = (values: readonly string[]) =>
  values.map((v) => (JSON.parse(v) as { messageId: string }).messageId);

let dir: string;
let kafka: ControlledSink;
const opened: KafkaSpoolPublisher[] = [];

async function publisher(
  options: KafkaSpoolPublisherOptions = {},
): Promise<{ p: KafkaSpoolPublisher; spool: LocalLog }> {
  const spool = await openLocalLog({ dataDir: dir, segmentBytes: 4_096, logLevel: 'silent' });
  const { positions } = await ReplayPositions.load(join(dir, 'replay-positions.json'));
  const p = new KafkaSpoolPublisher(kafka, spool, positions, {
    coalesceMs: 1,
    produceTimeoutMs: 50,
    replay: { retryMinMs: 5, retryMaxMs: 20, batchRecords: 7, stopTimeoutMs: 200 },
    ...options,
  });
  p.start();
  opened.push(p);
  return { p, spool };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inlet-gw-spool-'));
  kafka = new ControlledSink();
});
afterEach(async () => {
  kafka.release();
  kafka.memory.setAvailable(true);
  await Promise.all(opened.splice(0).map((p) => p.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('KafkaSpoolPublisher', () => {
  it('sends to Kafka while it acknowledges, coalescing concurrent publishes', async () => {
    const { p, spool } = await publisher();
    const results = await Promise.all([p.publish([rec('a'), rec('b')]), p.publish([rec('c')])]);
    expect(results).toEqual([
      { ok: true, via: 'kafka' },
      { ok: true, via: 'kafka' },
    ]);
    expect(ids(kafka.values(TOPIC))).toEqual(['a', 'b', 'c']);
    expect(kafka.memory.appendCount).toBe(1);
    expect(spool.totalBytes()).toBe(0);
    expect(p.status()).toMatchObject({
      ready: true,
      sink: 'kafka',
      kafka: 'connected',
      spool: { bytes: 0, oldestAgeMs: null },
    });
  });

  it('spools while Kafka is down and replays in order, deleting the spool, once it is back', async () => {
    const { p, spool } = await publisher();
    kafka.memory.setAvailable(false);
    const first = await p.publish([rec('1'), rec('2')]);
    expect(first).toEqual({ ok: true, via: 'spool' });
    // Kafka back before the replay: later publishes still queue behind the spooled ones.
    const later = Promise.all(Array.from({ length: 20 }, (_, i) => p.publish([rec(`x${i}`)])));
    expect(p.stats().mode).toBe('spooling');
    expect(p.status().spool?.bytes).toBeGreaterThan(0);
    kafka.memory.setAvailable(true);
    await later;
    await waitFor(() => p.stats().mode === 'direct', 'the spool to drain');
    expect(ids(kafka.values(TOPIC))).toEqual(['1', '2', ...Array.from({ length: 20 }, (_, i) => `x${i}`)]);
    expect(spool.totalBytes()).toBe(0);
    expect(await p.publish([rec('after')])).toEqual({ ok: true, via: 'kafka' });
  });

  it('spools a batch Kafka does not acknowledge in time; a late ack makes counted duplicates', async () => {
    const { p } = await publisher();
    kafka.held = true;
    expect(await p.publish([rec('slow')])).toEqual({ ok: true, via: 'spool' });
    kafka.release();
    await waitFor(() => p.stats().mode === 'direct', 'the spool to drain');
    expect(ids(kafka.values(TOPIC))).toEqual(['slow', 'slow']);
    expect(p.stats()).toMatchObject({ lateAckedRecords: 1, spooled: 1, replayed: 1 });
  });

  it('answers spool-full with a Retry-After once the spool reaches its quota', async () => {
    const { p } = await publisher({ spoolQuotaBytes: 100, spoolFullRetryAfterSeconds: 7 });
    kafka.memory.setAvailable(false);
    expect(await p.publish([rec('fits')])).toEqual({ ok: true, via: 'spool' });
    const refused = await p.publish([rec('too-much')]);
    expect(refused).toMatchObject({ ok: false, reason: 'spool-full', retryAfterSeconds: 7 });
    expect(p.status().ready).toBe(false);
    kafka.memory.setAvailable(true);
    await waitFor(() => p.stats().mode === 'direct', 'the spool to drain');
    expect(ids(kafka.values(TOPIC))).toEqual(['fits']);
    expect(p.status().ready).toBe(true);
  });

  it('replays a spool left by a previous run, from its saved position', async () => {
    const first = await publisher();
    kafka.memory.setAvailable(false);
    const records = Array.from({ length: 30 }, (_, i) => rec(`r${i}`));
    expect(await first.p.publish(records)).toEqual({ ok: true, via: 'spool' });
    await first.p.close();
    kafka.memory.setAvailable(true);
    const second = await publisher();
    expect(second.p.stats().mode).toBe('spooling');
    await waitFor(() => second.p.stats().mode === 'direct', 'the leftover spool to drain');
    expect(ids(kafka.values(TOPIC))).toEqual(records.map((_, i) => `r${i}`));
    const saved = await ReplayPositions.load(join(dir, 'replay-positions.json'));
    expect(saved.positions.get(TOPIC)).toBe(30);
  });

  it('quarantines a record Kafka refuses for good and replays the rest', async () => {
    const { p, spool } = await publisher();
    kafka.refuse = (r) =>
      r.headers?.['message-id'] === 'huge' ? new SinkRecordError('MESSAGE_TOO_LARGE', 'kafka') : undefined;
    expect(await p.publish([rec('ok1'), rec('huge'), rec('ok2')])).toEqual({ ok: true, via: 'spool' });
    await waitFor(() => p.stats().mode === 'direct', 'the spool to drain');
    expect(ids(kafka.values(TOPIC))).toEqual(['ok1', 'ok2']);
    expect(p.stats().quarantined).toBe(1);
    const kept = [];
    for await (const r of spool.readTopic(`${QUARANTINE_PREFIX}${TOPIC}`)) kept.push(r);
    expect(kept.map((r) => r.headers['message-id'])).toEqual(['huge']);
    expect(kept[0]?.headers[QUARANTINE_REASON_HEADER]).toContain('MESSAGE_TOO_LARGE');
  });

  it('settles publishes in flight on close, then refuses new ones', async () => {
    const { p } = await publisher();
    kafka.held = true;
    const inflight = p.publish([rec('late')]);
    await p.close();
    expect(await inflight).toEqual({ ok: true, via: 'spool' });
    expect(await p.publish([rec('refused')])).toMatchObject({ ok: false, reason: 'shutting-down' });
    expect(p.status().ready).toBe(false);
  });
});
