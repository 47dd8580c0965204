/**
 * The CI share of `npm run chaos`: every scenario, short, against the real parts (gateway, collector
 * and processor processes, virtual users, the audit; 2 and 3 together on a Kafka broker of their own
 * that they stop and start; 5 and 7 on the shared Kafka and PostgreSQL; 1, 4, 6 and 8 on the local
 * durable logs). The fuzzing's CI share is gateway/src/fuzz/fuzz.test.ts.
 *
 * The first four mostly wait (on a broker restart, a Retry-After, a schedule), so they run at the
 * same time; the CPU-heavy ones (load against one gateway, a whole npm start) run alone after them.
 */
import { defined, kafkaBrokers, pgUrl } from '@inlet/scripts/testing';
import { describe, expect, it } from 'vitest';
import { cdcKill } from './cdc-kill';
import { externalKill } from './external-kill';
import { spoolQuotaExhausted } from './kafka-outage';
import { processorKill } from './processor-kill';
import { startCtrlC } from './start-ctrl-c';
import { gatewaySigkill, networkFaults } from './vu-scenario';

const brokers = kafkaBrokers();
const pg = pgUrl();

describe('chaos scenarios, short', () => {
  // Scenarios 2 and 3 in one short run (one broker start fewer): a Kafka outage long enough to fill
  // a small spool exercises the spool, the replay, and the 503 + Retry-After once it is full.
  it.concurrent('2+3: Kafka stopped mid-run fills the spool: 503s, the SDKs keep their events, all land after the replay', async () => {
    const row = await spoolQuotaExhausted({
      durationSeconds: 20,
      vus: 20,
      outageSeconds: 10,
      quotaBytes: 65_536,
    });
    expect(row.faults).toBeGreaterThan(0);
    expect(row.note).toMatch(/\d+ requests answered 503/);
    // The spool emptied after the broker came back: the replay ran.
    expect(row.recoverMaxMs).toBeDefined();
    expect(row.lost, `${row.scenario}: ${row.duplicates}; ${row.note}`).toBe(0);
    expect(row.delivered).toBe(row.generated);
  }, 300_000);

  it.concurrent('6: the external collector SIGKILLed and restarted skips no interval and runs none twice', async () => {
    const row = await externalKill({ durationSeconds: 20, killEverySeconds: 6, downSeconds: 3 });
    expect(row.faults).toBeGreaterThan(0);
    expect(row.acknowledged).toBeGreaterThan(0);
    expect(row.lost, `${row.scenario}: ${row.duplicates}; ${row.note}`).toBe(0);
    expect(row.duplicated).toBe(0);
    expect(row.acknowledged).toBe(row.generated);
  }, 180_000);

  (brokers && pg ? it.concurrent : it.skip)(
    '5: the CDC collector SIGKILLed mid-workload and restarted misses no committed change',
    async () => {
      const row = await cdcKill({ brokers: defined(brokers), pgUrl: defined(pg), changes: 3_000, kills: 1 });
      expect(row.faults).toBe(1);
      expect(row.generated).toBeGreaterThanOrEqual(3_000);
      expect(row.lost, `${row.scenario}: ${row.duplicates}; ${row.note}`).toBe(0);
      expect(row.delivered).toBe(row.acknowledged);
    },
    180_000,
  );

  (brokers ? it.concurrent : it.skip)(
    '7: the processor SIGKILLed mid-window and restarted gives the totals of a clean run',
    async () => {
      const row = await processorKill({ brokers: defined(brokers), events: 1_500 });
      expect(row.problem).toBeUndefined();
      expect(row.delivered).toBeGreaterThan(0);
      expect(row.lost, `${row.scenario}: ${row.duplicates}; ${row.note}`).toBe(0);
      expect(row.duplicated).toBe(0);
    },
    180_000,
  );

  it('1: a gateway SIGKILLed under load and restarted loses nothing acknowledged', async () => {
    const row = await gatewaySigkill({ durationSeconds: 20, vus: 20 });
    expect(row.faults).toBeGreaterThan(0);
    expect(row.generated).toBeGreaterThan(0);
    expect(row.lost, `${row.scenario}: ${row.duplicates}; ${row.note}`).toBe(0);
    expect(row.delivered).toBeGreaterThanOrEqual(row.acknowledged);
  }, 240_000);

  it('4: lost answers, latency and offline windows lose nothing, and the dedup drops the resends', async () => {
    const row = await networkFaults({ durationSeconds: 15, vus: 20 });
    expect(row.faults).toBeGreaterThan(0);
    expect(row.lost, `${row.scenario}: ${row.duplicates}; ${row.note}`).toBe(0);
    expect(row.duplicated).toBe(0);
  }, 240_000);

  it('8: one Ctrl-C to the whole npm start drains every part, audits the ledger and loses nothing', async () => {
    const row = await startCtrlC({ runSeconds: 0 });
    expect(row.problem).toBeUndefined();
    expect(row.generated).toBeGreaterThanOrEqual(20);
    expect(row.lost, `${row.scenario}: ${row.duplicates}; ${row.note}`).toBe(0);
    expect(row.delivered).toBe(row.generated);
  }, 300_000);
});
