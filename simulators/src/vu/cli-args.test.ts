import { describe, expect, it } from 'vitest';
import { parseRunArgs } from './cli-args';

const base = ['--write-key', 'wk_test_123'];
const parse = (...argv: string[]) => parseRunArgs([...base, ...argv], {});

describe('parseRunArgs', () => {
  it('fills the defaults, derives the run tag and ledger from the seed', () => {
    const { options } = parse('--seed', '42');
    expect(options).toMatchObject({
      profile: 'seed',
      durationMs: 60_000,
      endpoint: 'http://127.0.0.1:8787',
      seed: 42,
      runTag: 'sim16',
      ledgerPath: 'inlet-sim-sim16.ledger.jsonl',
    });
  });

  it('reads the load flags', () => {
    const { options, reportPath } = parse(
      ...[
        '--profile',
        'load',
        '--rate',
        '50/s',
        '--duration',
        '2m',
        '--invalid-share',
        '0.05',
        '--drop-responses',
        '0.1',
      ],
      ...[
        '--offline',
        '10s+5s',
        '--max-p99',
        '250',
        '--max-error-rate',
        '0.01',
        '--report',
        'r.json',
        '--flush-at',
        '5',
      ],
    );
    expect(options).toMatchObject({
      profile: 'load',
      rate: 50,
      durationMs: 120_000,
      invalidShare: 0.05,
      faults: { dropResponses: 0.1, offline: [{ startMs: 10_000, durationMs: 5_000 }] },
      maxP99Ms: 250,
      maxErrorRate: 0.01,
      coreOptions: { flushAt: 5 },
    });
    expect(reportPath).toBe('r.json');
    expect(parse('--profile', 'load', '--stages', '10s:5,20s:5').options.durationMs).toBe(30_000);
  });

  it.each([
    [['--profile', 'stress'], /--profile must be seed or load/],
    [['--duration', 'forever'], /--duration must look like/],
    [['--profile', 'load', '--vus', '10', '--rate', '5'], /not both/],
    [['--vus', '10'], /apply to --profile load/],
    [['--profile', 'load', '--vus', '2.5'], /--vus must be a whole number > 0/],
    [['--invalid-share', '1.5'], /--invalid-share must be a share from 0 to 1/],
    [['--drop-responses', 'lots'], /--drop-responses must be a share/],
    [['--endpoint', '127.0.0.1:8787'], /--endpoint: endpoint must be an absolute URL/],
    [['--endpoint', 'localhost:8787'], /must use http: or https:/],
    [['--offline', '10s'], /--offline must look like 20s\+5s/],
    [['--stages', '10s'], /--stages: stage "10s"/],
    [['--stages', '10s:5', '--duration', '20s'], /differ: give one/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--run-id', 'a b'], /--run-id must be/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parse(...argv)).toThrow(message);
  });

  it('needs a write key, from the flag or INLET_WRITE_KEY', () => {
    expect(() => parseRunArgs([], {})).toThrow(/--write-key is required/);
    expect(
      parseRunArgs([], { INLET_WRITE_KEY: 'wk_env_1234', INLET_ENDPOINT: 'http://127.0.0.1:9000' }).options,
    ).toMatchObject({
      writeKey: 'wk_env_1234',
      endpoint: 'http://127.0.0.1:9000',
    });
  });
});
