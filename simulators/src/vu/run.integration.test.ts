import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResolvedConfig, type RunningGateway, startGateway } from '@inlet/gateway';
import { defined, kafkaBrokers } from '@inlet/scripts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../audit/cli';
import { readSightings, type TopicSource } from '../audit/read-topics';
import { reconcile } from '../audit/reconcile';
import { STREAMS } from './journey';
import { readLedger } from './ledger';
import { runSimulation, type SimulationOptions } from './run';

const KEY = 'wk_simulators_it_0123';

async function gateway(dataDir: string, sink: { sink: 'local' } | { sink: 'kafka'; brokers: string[] }) {
  const config = parseResolvedConfig(
    JSON.stringify({
      port: 0,
      dataDir,
      logLevel: 'silent',
      writeKeys: [{ key: KEY, source: 'simulators-it', rateLimit: { perSecond: 1e6, burst: 1e6 } }],
      ...sink,
    }),
  );
  return startGateway(config);
}

/** A short seed-profile run (×20 speed) with a ledger, then the audit's numbers for it. */
async function runAndAudit(url: string, dir: string, source: TopicSource, extra: Partial<SimulationOptions>) {
  const ledgerPath = join(dir, `${extra.runTag}.jsonl`);
  const report = await runSimulation({
    profile: 'seed',
    durationMs: 6_000,
    speed: 20,
    endpoint: url,
    writeKey: KEY,
    seed: Math.floor(Math.random() * 2 ** 31),
    ledgerPath,
    invalidShare: 0.05,
    drainMs: 20_000,
    ...extra,
  });
  const { header, entries } = await readLedger(ledgerPath);
  const topics = [...STREAMS.map((s) => header.topics[s]), header.topics.deadLetter];
  const read = await readSightings(source, topics, `${header.run}-`);
  return { report, ledgerPath, audit: reconcile(entries, read.sightings, header.topics.deadLetter) };
}

describe('inlet-sim run → gateway (local log) → inlet-audit', () => {
  let dir: string;
  let gw: RunningGateway;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-sim-it-'));
    gw = await gateway(dir, { sink: 'local' });
  });
  afterAll(async () => {
    await gw?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers every event of a seed run to its topic and dead-letters the invalid ones: 0 lost', async () => {
    const tag = `it${Date.now().toString(36)}`;
    const { report, ledgerPath, audit } = await runAndAudit(gw.url, dir, { dataDir: dir }, { runTag: tag });
    expect(report.events.generated).toBeGreaterThan(100);
    expect(report.events).toMatchObject({ leftInQueue: 0, dropped: {} });
    expect(report.events.acknowledged + report.events.rejected).toBe(report.events.generated);
    expect(report.requests.byStatus).toEqual({ 200: report.requests.count });
    for (const s of STREAMS) expect(report.events.byTopic[s], s).toBeGreaterThan(0);
    expect(audit).toMatchObject({
      ok: true,
      unexpected: 0,
      valid: { lost: 0, duplicated: 0, misrouted: 0, deadLettered: 0 },
    });
    expect(audit.valid.delivered).toBe(report.events.acknowledged);
    expect(audit.invalid).toMatchObject({ deadLettered: report.events.invalid, accepted: 0, lost: 0 });
    // The bin's entry point agrees, with exit code 0.
    const out: string[] = [];
    expect(
      await runAudit(['--ledger', ledgerPath, '--data-dir', dir], { out: (t) => out.push(t), err: () => {} }),
    ).toBe(0);
    expect(out.join('')).toMatch(/OK: nothing lost/);
  });

  it('resends events whose answers were dropped; the gateway deduplicates them and the audit finds no copy', async () => {
    const tag = `dup${Date.now().toString(36)}`;
    const { report, audit } = await runAndAudit(
      gw.url,
      dir,
      { dataDir: dir },
      { runTag: tag, faults: { dropResponses: 0.3 } },
    );
    expect(report.faults.resentAccepted).toBeGreaterThan(0);
    expect(report.events.leftInQueue).toBe(0);
    // Every resend of an accepted event was recognised (a request that timed out would add more).
    expect(report.gatewayDeduplicated).toBeGreaterThanOrEqual(report.faults.resentAccepted);
    expect(audit).toMatchObject({ ok: true, valid: { lost: 0, duplicated: 0 } });
    // Invalid events are not deduplicated: a resend is dead-lettered again, and counted so.
    expect(audit.invalid.lost).toBe(0);
    expect(audit.invalid.deadLetterRepeats).toBeLessThanOrEqual(report.faults.resentRejected);
  });
});

const brokers = kafkaBrokers();

describe.skipIf(!brokers)('inlet-sim run → gateway (Kafka) → inlet-audit --brokers', () => {
  let dir: string;
  let gw: RunningGateway;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-sim-kafka-it-'));
    gw = await gateway(dir, { sink: 'kafka', brokers: defined(brokers, 'brokers') });
  });
  afterAll(async () => {
    await gw?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('audits a seed run in Kafka: 0 lost', async () => {
    const tag = `k${Date.now().toString(36)}`;
    const { report, audit } = await runAndAudit(
      gw.url,
      dir,
      { brokers: defined(brokers, 'brokers') },
      { runTag: tag },
    );
    expect(report.events.leftInQueue).toBe(0);
    expect(audit).toMatchObject({ ok: true, unexpected: 0, valid: { lost: 0, duplicated: 0 } });
    expect(audit.valid.delivered).toBe(report.events.acknowledged);
    expect(audit.invalid.deadLettered).toBe(report.events.invalid);
  });
});
