import { describe, expect, it } from 'vitest';
import { parseCdcArgs, parseInterval } from './cli-args';
import { CdcConfigError } from './errors';

const base = ['--pg-url', 'postgres://u:p@127.0.0.1:5432/db', '--tables', 'users,travel.bookings'];

function usageError(argv: string[], env: Record<string, string> = {}): CdcConfigError {
  try {
    parseCdcArgs(argv, env);
  } catch (error) {
    if (error instanceof CdcConfigError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('inlet-cdc flags', () => {
  it('reads the documented shape, with defaults', () => {
    const args = parseCdcArgs([...base, '--brokers', '127.0.0.1:9092,127.0.0.1:9093', '--slot', 's1'], {});
    expect(args).toMatchObject({
      tables: [
        { schema: 'public', table: 'users' },
        { schema: 'travel', table: 'bookings' },
      ],
      brokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      slot: 's1',
      snapshot: 'initial',
      jsonMode: 'object',
      topicPerTable: false,
      logLevel: 'info',
    });
  });

  it('falls back to PG_URL, INLET_CDC_TABLES and KAFKA_BROKERS', () => {
    const args = parseCdcArgs([], {
      PG_URL: 'postgres://x@h/db',
      INLET_CDC_TABLES: 'a',
      KAFKA_BROKERS: 'h:1',
    });
    expect(args).toMatchObject({ pgUrl: 'postgres://x@h/db', brokers: ['h:1'], tables: [{ table: 'a' }] });
  });

  it('accepts a bracketed IPv6 broker from KAFKA_BROKERS', () => {
    expect(parseCdcArgs(base, { KAFKA_BROKERS: '[::1]:9092' })).toMatchObject({ brokers: ['[::1]:9092'] });
  });

  it('uses the local log in ./data without brokers, and ignores KAFKA_BROKERS when --data-dir is given', () => {
    expect(parseCdcArgs(base, {})).toMatchObject({ brokers: undefined, dataDir: './data' });
    expect(parseCdcArgs([...base, '--data-dir', '/tmp/x'], { KAFKA_BROKERS: 'h:1' })).toMatchObject({
      brokers: undefined,
      dataDir: '/tmp/x',
    });
  });

  it('reads snapshot modes, replica identity, heartbeat and health port', () => {
    expect(
      parseCdcArgs(
        [
          ...base,
          '--snapshot',
          'always',
          '--replica-identity',
          'full',
          '--heartbeat',
          '500ms',
          '--health',
          '9464',
        ],
        {},
      ),
    ).toMatchObject({ snapshot: 'always', replicaIdentity: 'full', heartbeatMs: 500, healthPort: 9464 });
  });

  it('serves health on loopback unless --health-host says otherwise (0.0.0.0 in a container)', () => {
    expect(parseCdcArgs([...base, '--health', '9464'], {}).healthHost).toBe('127.0.0.1');
    expect(parseCdcArgs([...base, '--health', '9464', '--health-host', '0.0.0.0'], {}).healthHost).toBe(
      '0.0.0.0',
    );
  });

  it.each([
    [['--tables', 'a'], /no PostgreSQL URL/, /--pg-url postgres:\/\//],
    [['--pg-url', 'postgres://h/db'], /no tables/, /--tables users,bookings/],
    [[...base, '--brokers', 'h:1', '--data-dir', 'd'], /both given/, /pick one sink/],
    [[...base, '--brokers', 'localhost'], /not a list of host:port/, /127\.0\.0\.1:9092/],
    [[...base, '--snapshot', 'sometimes'], /not one of initial, never, always/, /--snapshot initial/],
    [[...base, '--replica-identity', 'nothing'], /not one of default, full/, /--replica-identity/],
    [[...base, '--health', 'http'], /not a port/, /--health 9464/],
    [[...base, '--heartbeat', 'often'], /not a duration/, /--heartbeat 10s/],
    [['--pg-url', 'postgres://h/db', '--tables', 'a.b.c'], /"a\.b\.c" is not a table name/, /schema\.name/],
    [[...base, '--frobnicate'], /Unknown option/, /--help/],
  ])('%j is a usage error with a fix', (argv, message, fix) => {
    const error = usageError(argv);
    expect(error.kind).toBe('usage');
    expect(error.message).toMatch(message);
    expect(error.fix).toMatch(fix);
  });

  it('parses heartbeat intervals', () => {
    expect(parseInterval('10s', 'heartbeat')).toBe(10_000);
    expect(parseInterval('0', 'heartbeat')).toBe(0);
    expect(parseInterval('2m', 'heartbeat')).toBe(120_000);
  });
});
