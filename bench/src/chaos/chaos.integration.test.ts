/**
 * The CI share of `npm run chaos`: scenarios 1, 4 and 8, short (real gateway processes, real virtual
 * users, the real audit; no Kafka: the local durable logs). The fuzzing's CI share is
 * gateway/src/fuzz/fuzz.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { startCtrlC } from './start-ctrl-c';
import { gatewaySigkill, networkFaults } from './vu-scenario';

describe('chaos scenarios, short', () => {
  it('1: a gateway SIGKILLed under load and restarted loses nothing acknowledged', async () => {
    const row = await gatewaySigkill({ durationSeconds: 20, vus: 20 });
    expect(row.faults).toBeGreaterThan(0);
    expect(row.generated).toBeGreaterThan(0);
    expect(row.lost).toBe(0);
    expect(row.delivered).toBeGreaterThanOrEqual(row.acknowledged);
  }, 240_000);

  it('4: lost answers, latency and offline windows lose nothing, and the dedup drops the resends', async () => {
    const row = await networkFaults({ durationSeconds: 15, vus: 20 });
    expect(row.faults).toBeGreaterThan(0);
    expect(row.lost).toBe(0);
    expect(row.duplicated).toBe(0);
  }, 240_000);

  it('8: one Ctrl-C to the whole npm start drains every part, audits the ledger and loses nothing', async () => {
    const row = await startCtrlC({ runSeconds: 5 });
    expect(row.problem).toBeUndefined();
    expect(row.generated).toBeGreaterThanOrEqual(20);
    expect(row.lost).toBe(0);
    expect(row.delivered).toBe(row.generated);
  }, 300_000);
});
