import { describe, expect, it } from 'vitest';
import { parseProcessorArgs } from './args';

const config = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseProcessorArgs(argv, env);
  if (parsed.help) throw new Error('help');
  return parsed.config;
};

describe('parseProcessorArgs', () => {
  it('has the documented defaults (embedded mode without brokers)', () => {
    expect(config([])).toEqual({
      group: 'inlet-processor',
      dataDir: './data/processor',
      inputDirs: ['./data/gateway', './data/cdc'],
      windowMs: 300_000,
      outOfOrdernessMs: 30_000,
      graceMs: 60_000,
      idleMs: 10_000,
      transactionTimeoutMs: 60_000,
      topics: {},
      logLevel: 'info',
    });
  });

  it('takes the npm start flags, repeated --input-dir and KAFKA_BROKERS', () => {
    const c = config(
      [
        '--window',
        '10s',
        '--out-of-orderness',
        '2s',
        '--grace',
        '10s',
        '--input-dir',
        'data/gateway',
        '--input-dir',
        'data/cdc',
        '--health',
        '9100',
      ],
      { KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093' },
    );
    expect(c).toMatchObject({
      brokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      windowMs: 10_000,
      outOfOrdernessMs: 2_000,
      graceMs: 10_000,
      inputDirs: ['data/gateway', 'data/cdc'],
      healthPort: 9100,
    });
  });

  it('names the flag and the fix on bad values', () => {
    expect(() => config(['--window', 'soon'])).toThrow(/--window: "soon" is not a duration; pass e.g. 10s/);
    expect(() => config(['--brokers', 'localhost'])).toThrow(
      /--brokers \(or KAFKA_BROKERS\): must be host:port/,
    );
    expect(() => config([], { KAFKA_BROKERS: 'nope' })).toThrow(/KAFKA_BROKERS/);
    expect(() => config(['--hop', '10m'])).toThrow(/--hop: must not exceed --window/);
    expect(() => config(['--health', 'x'])).toThrow(/--health/);
    expect(() => config(['--topic', 'events=x'])).toThrow(/--topic: "events" is not a topic key/);
    expect(config(['--topic', 'appEvents=my_events']).topics).toEqual({ appEvents: 'my_events' });
    expect(() => config(['--nope'])).toThrow(/Unknown option '--nope'.*--help/);
  });

  it('accepts a bracketed IPv6 broker from KAFKA_BROKERS', () => {
    expect(config([], { KAFKA_BROKERS: '[::1]:9092' }).brokers).toEqual(['[::1]:9092']);
  });

  it('answers help', () => {
    expect(parseProcessorArgs(['-h'], {})).toEqual({ help: true });
  });
});
