import { describe, expect, it } from 'vitest';
import { isConfigError } from '../config-error';
import { parseStartOptions } from './options';

const problem = (argv: string[], env: Record<string, string> = {}): string => {
  try {
    parseStartOptions(argv, env);
  } catch (error) {
    if (isConfigError(error)) return error.message;
    throw error;
  }
  throw new Error('no error');
};

describe('parseStartOptions', () => {
  it('defaults: gateway 8787, demo 3000, stand-ins 4600 with health ports 4601-4603, Kafka on', () => {
    const o = parseStartOptions([], {});
    expect(o).toMatchObject({
      gatewayPort: 8787,
      demoPort: 3000,
      standInPort: 4600,
      healthPorts: { cdc: 4601, external: 4602, processor: 4603 },
      noKafka: false,
      verbose: false,
      brokersFromEnv: undefined,
    });
    expect(o.writeKey).toMatch(/^dev-[0-9a-f]{24}$/);
    expect(o.dataDir.endsWith('/data')).toBe(true);
  });

  it('reads --no-kafka, --verbose, --write-key and KAFKA_BROKERS', () => {
    const o = parseStartOptions(['--no-kafka', '--verbose', '--write-key', 'my-key-123'], {
      KAFKA_BROKERS: '127.0.0.1:9092',
    });
    expect(o).toMatchObject({
      noKafka: true,
      verbose: true,
      writeKey: 'my-key-123',
      brokersFromEnv: ['127.0.0.1:9092'],
    });
  });

  it('refuses two parts on one port, naming both', () => {
    expect(problem(['--port', '3000'])).toMatch(
      /--demo-port \(demo site\) and --port \(gateway\) both want port 3000/,
    );
    expect(problem(['--port', '4601'])).toMatch(/CDC health port \(--stand-in-port \+ 1\) and --port/);
    expect(problem(['--stand-in-port', '65534'])).toMatch(/three health ports/);
  });

  it('says what was wrong with a flag and how to fix it', () => {
    expect(problem(['--port', 'abc'])).toMatch(/--port must be a whole number/);
    expect(problem(['--bogus'])).toMatch(/Unknown option '--bogus'.*--help/);
    expect(problem(['--write-key', 'short'])).toMatch(/--write-key must be 8-128/);
    expect(problem([], { KAFKA_BROKERS: 'nope' })).toMatch(/KAFKA_BROKERS has "nope"/);
    expect(problem([], { PG_URL: 'mysql://x' })).toMatch(/PG_URL must start with postgres:\/\//);
  });
});
