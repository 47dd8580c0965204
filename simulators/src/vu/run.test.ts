import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeTransport, ok } from '@inlet/sdk-core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLedger } from './ledger';
import { runSimulation, type SimulationOptions } from './run';
import { INVALID_SCREEN } from './virtual-user';

/** A run in simulated time against an in-memory gateway stand-in. */
function virtualRun(overrides: Partial<SimulationOptions> = {}) {
  const transport = fakeTransport();
  const run = runSimulation({
    profile: 'seed',
    durationMs: 60_000,
    endpoint: 'http://127.0.0.1:1',
    writeKey: 'wk_test_123',
    seed: 1,
    mode: 'virtual',
    transport,
    ...overrides,
  });
  return { transport, run };
}

describe('runSimulation in virtual time', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-vu-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reproduces a run event for event from its seed, and another seed gives another run', async () => {
    const bodies = async (seed: number) => {
      const { transport, run } = virtualRun({ seed, speed: 10, invalidShare: 0.05 });
      await run;
      return transport.calls.map((c) => JSON.stringify(c.body));
    };
    const first = await bodies(7);
    expect(first.length).toBeGreaterThan(20);
    expect(await bodies(7)).toEqual(first);
    expect(await bodies(8)).not.toEqual(first);
  });

  it('produces the documented seed rates per minute (web, clickstream, mobile, logs)', async () => {
    const { run } = virtualRun({ durationMs: 30 * 60_000, seed: 3 });
    const report = await run;
    const perKind = report.rates.perMinuteByUserKind;
    const perTopic = report.rates.perMinuteByTopic;
    expect(perTopic.clickstream).toBeGreaterThan(60 * 0.85);
    expect(perTopic.clickstream).toBeLessThan(60 * 1.15);
    const webAppEvents = perKind.web - perTopic.clickstream;
    expect(webAppEvents).toBeGreaterThanOrEqual(30);
    expect(webAppEvents).toBeLessThanOrEqual(60);
    expect(perKind.mobile).toBeGreaterThanOrEqual(50);
    expect(perKind.mobile).toBeLessThanOrEqual(100);
    expect(perKind.service).toBeGreaterThan(20 * 0.8);
    expect(perKind.service).toBeLessThan(20 * 1.2);
    expect(report.events).toMatchObject({ leftInQueue: 0, rejected: 0 });
    expect(report.events.acknowledged).toBe(report.events.generated);
  });

  it('writes a ledger of every queued event, marking the deliberately invalid ones', async () => {
    const ledgerPath = join(dir, 'run.ledger.jsonl');
    const { transport, run } = virtualRun({ ledgerPath, invalidShare: 0.1, speed: 10, runTag: 'led' });
    const report = await run;
    const { header, entries } = await readLedger(ledgerPath);
    expect(header).toMatchObject({ ledger: 1, run: 'led', seed: 1, profile: 'seed' });
    expect(entries).toHaveLength(report.events.queued);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(entries.every((e) => e.id.startsWith('led-'))).toBe(true);
    const invalid = entries.filter((e) => e.invalid);
    expect(invalid.length).toBe(report.events.invalid);
    expect(invalid.length / entries.length).toBeGreaterThan(0.05);
    expect(invalid.length / entries.length).toBeLessThan(0.15);
    const sent = new Map(transport.calls.flatMap((c) => c.body.batch.map((e) => [e.messageId, e] as const)));
    for (const e of invalid) expect(sent.get(e.id)?.context).toMatchObject({ screen: INVALID_SCREEN });
    expect(entries.find((e) => e.type === 'click')?.topic).toBe('topic_clickstream');
    expect(entries.find((e) => e.type === 'log')?.topic).toBe('topic_app_logs');
  });

  it('resends events whose answer was dropped, so the gateway sees duplicates, and loses none', async () => {
    const { transport, run } = virtualRun({ speed: 10, faults: { dropResponses: 0.3 }, drainMs: 60_000 });
    const report = await run;
    const counts = new Map<string, number>();
    for (const id of transport.acknowledged) counts.set(id, (counts.get(id) ?? 0) + 1);
    const repeats = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    expect(report.faults.droppedResponses).toBeGreaterThan(0);
    expect(repeats).toBe(report.faults.resentAccepted);
    expect(counts.size).toBe(report.events.generated);
    expect(report.events).toMatchObject({ leftInQueue: 0, acknowledged: report.events.generated });
  });

  it('holds events through an offline window and delivers them after', async () => {
    const { transport, run } = virtualRun({
      speed: 10,
      faults: { offline: [{ startMs: 10_000, durationMs: 20_000 }] },
    });
    const report = await run;
    expect(report.faults.offlineRequests).toBeGreaterThan(0);
    expect(report.events.retried).toBeGreaterThan(0);
    expect(new Set(transport.acknowledged).size).toBe(report.events.acknowledged);
    expect(report.events).toMatchObject({ leftInQueue: 0, acknowledged: report.events.generated });
  });

  it('keeps the queue of a user who left during an outage and delivers it in the drain', async () => {
    // Users leave while the gateway is away for longer than their 60 s close: their cores keep
    // what they hold (as IndexedDB would) and stop()'s drain sends it.
    const { transport, run } = virtualRun({
      speed: 10,
      durationMs: 150_000,
      faults: { offline: [{ startMs: 20_000, durationMs: 90_000 }] },
    });
    const report = await run;
    expect(report.faults.offlineRequests).toBeGreaterThan(0);
    expect(new Set(transport.acknowledged).size).toBe(report.events.generated);
    expect(report.events).toMatchObject({ leftInQueue: 0, acknowledged: report.events.generated });
  });

  it('counts what the gateway rejected, and runs the open model along its stages', async () => {
    const transport = fakeTransport(ok(0));
    const report = await runSimulation({
      profile: 'load',
      durationMs: 20_000,
      rate: 5,
      stages: [{ durationMs: 20_000, target: 5 }],
      endpoint: 'http://127.0.0.1:1',
      writeKey: 'wk_test_123',
      seed: 2,
      mode: 'virtual',
      transport,
    });
    expect(report.run.model).toBe('open');
    // A ramp from 0 to 5 arrivals/s over 20 s: about 50 users.
    expect(report.users.started).toBeGreaterThan(30);
    expect(report.users.started).toBeLessThan(75);
    expect(report.events.rejected).toBe(report.events.queued - report.events.acknowledged);
    expect(report.events.rejected).toBe(transport.calls.length);
  });
});
