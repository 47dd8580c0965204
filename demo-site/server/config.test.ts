// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from './config';

const base = ['--write-key', 'demo-key-123'];

describe('parseDemoArgs', () => {
  it('applies the defaults: port 3000, local logs under ./data without KAFKA_BROKERS', () => {
    expect(parseDemoArgs(base, {})).toEqual({
      help: false,
      config: {
        port: 3000,
        host: '127.0.0.1',
        gatewayUrl: 'http://127.0.0.1:8787',
        writeKey: 'demo-key-123',
        source: { kind: 'local', dataDir: './data' },
        logLevel: 'info',
      },
    });
  });

  it('reads Kafka from --brokers, else from $KAFKA_BROKERS unless --data-dir is given', () => {
    const env = { KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' };
    const fromEnv = parseDemoArgs(base, env);
    expect(fromEnv.help === false && fromEnv.config.source).toEqual({
      kind: 'kafka',
      brokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
    });
    const local = parseDemoArgs([...base, '--data-dir', '/tmp/d'], env);
    expect(local.help === false && local.config.source).toEqual({ kind: 'local', dataDir: '/tmp/d' });
  });

  it('takes the health URLs and trims their trailing slash', () => {
    const r = parseDemoArgs([...base, '--cdc-health-url', 'http://127.0.0.1:4700/', '--port', '0'], {});
    expect(r.help === false && [r.config.cdcHealthUrl, r.config.port]).toEqual(['http://127.0.0.1:4700', 0]);
  });

  it.each([
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--gateway-url', 'ftp://x'], /--gateway-url must be an http\(s\) URL/],
    [['--brokers', 'nohost'], /--brokers each broker must be host:port/],
    [['--log-level', 'loud'], /--log-level must be one of/],
    [['--brokers', 'a:1', '--data-dir', 'd'], /not both/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j naming the flag', (extra, message) => {
    expect(() => parseDemoArgs([...base, ...extra], {})).toThrow(message);
  });

  it('says the write key is required and where a bad $KAFKA_BROKERS came from', () => {
    expect(() => parseDemoArgs([], {})).toThrow(/--write-key is required/);
    expect(() => parseDemoArgs(base, { KAFKA_BROKERS: 'oops' })).toThrow(/\$KAFKA_BROKERS each broker/);
  });

  it('accepts a bracketed IPv6 broker from $KAFKA_BROKERS', () => {
    const r = parseDemoArgs(base, { KAFKA_BROKERS: '[::1]:9092' });
    expect(r.help === false && r.config.source).toEqual({ kind: 'kafka', brokers: ['[::1]:9092'] });
  });

  it('answers --help', () => {
    expect(parseDemoArgs(['--help'], {})).toEqual({ help: true });
  });
});
