import { afterEach, describe, expect, it, vi } from 'vitest';
import { defined, kafkaBrokers, pgUrl, uniqueName } from './index';

// In the unit project no global setup provides anything: the helpers see "unavailable".
describe('kafkaBrokers / pgUrl without the integration global setup', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('throw under CI, naming what is missing and the fix', () => {
    vi.stubEnv('CI', 'true');
    expect(() => kafkaBrokers()).toThrow(
      /Kafka is unavailable.*global setup did not run[\s\S]*KAFKA_BROKERS/,
    );
    expect(() => pgUrl()).toThrow(/PostgreSQL is unavailable[\s\S]*PG_URL/);
  });

  it('warn loudly and return undefined elsewhere', () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(kafkaBrokers()).toBeUndefined();
    expect(pgUrl()).toBeUndefined();
    expect(warn.mock.calls.flat().join('\n')).toMatch(/SKIPPING Kafka INTEGRATION TESTS/);
  });
});

describe('defined / uniqueName', () => {
  it('narrow present values and reject absent ones', () => {
    expect(defined(['a'], 'brokers')).toEqual(['a']);
    expect(() => defined(undefined, 'brokers')).toThrow('brokers is not available here');
  });

  it('makes distinct, prefixed names', () => {
    const a = uniqueName('t');
    expect(a).toMatch(/^t-[a-z0-9]+-[0-9a-f]{6}$/);
    expect(uniqueName('t')).not.toBe(a);
  });
});
