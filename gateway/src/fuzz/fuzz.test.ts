/**
 * The CI share of the fuzzing: 5,000 generated requests in-process and 1,000 over a real socket
 * (`npm run chaos` runs 100,000). Every answer must be the contract's, never a 5xx or a reset.
 */
import { describe, expect, it } from 'vitest';
import { type FuzzReport, fuzzApp, fuzzSocket } from './fuzz-gateway';

const summary = (r: FuzzReport) =>
  `${r.mode}: ${r.cases} cases in ${(r.ms / 1000).toFixed(1)} s, seed ${r.seed}, peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB, statuses ${JSON.stringify(Object.fromEntries([...r.byStatus].sort(([a], [b]) => a - b)))}`;

describe('fuzzing the gateway with hostile requests', () => {
  it('answers 5,000 in-process requests per the contract', async () => {
    const report = await fuzzApp({ runs: 5_000 });
    console.log(summary(report));
    expect(report.failure).toBeUndefined();
    expect(report.cases).toBeGreaterThanOrEqual(4_900);
  }, 120_000);

  it('answers 1,000 requests over a real socket per the contract, none reset', async () => {
    const report = await fuzzSocket({ runs: 1_000 });
    console.log(summary(report));
    expect(report.failure).toBeUndefined();
    expect(report.cases).toBe(1_000);
  }, 120_000);
});
