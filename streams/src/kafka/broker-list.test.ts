import { describe, expect, it } from 'vitest';
import { assertBrokers, isBrokerAddress, parseBrokerList } from './broker-list';

describe('parseBrokerList', () => {
  it('splits a comma-separated host:port list, trimming blanks', () => {
    expect(parseBrokerList(' localhost:9092 , kafka-1:19092,')).toEqual({
      ok: true,
      brokers: ['localhost:9092', 'kafka-1:19092'],
    });
  });

  it('accepts bracketed IPv6 addresses', () => {
    expect(parseBrokerList('[::1]:9092,[2001:db8::7]:19092')).toEqual({
      ok: true,
      brokers: ['[::1]:9092', '[2001:db8::7]:19092'],
    });
  });

  it('names the first entry that is not host:port, and says an empty list is empty', () => {
    for (const bad of ['localhost', 'h:0', 'h:70000', 'PLAINTEXT://h:9092', '::1:9092', 'a b:1']) {
      expect(parseBrokerList(`ok:1,${bad}`)).toEqual({
        ok: false,
        entry: bad,
        problem: `has "${bad}", which is not host:port with a port from 1 to 65535`,
      });
    }
    expect(parseBrokerList(' , ')).toEqual({ ok: false, problem: 'is empty' });
  });
});

describe('isBrokerAddress and assertBrokers', () => {
  it('follow the same rule as parseBrokerList', () => {
    expect(isBrokerAddress('[::1]:9092')).toBe(true);
    expect(isBrokerAddress('127.0.0.1:65535')).toBe(true);
    expect(isBrokerAddress('127.0.0.1:65536')).toBe(false);
    expect(() => assertBrokers(['[::1]:9092', '127.0.0.1:9092'])).not.toThrow();
    expect(() => assertBrokers(['a,b:1'])).toThrow(/non-empty list of "host:port"/);
  });
});
